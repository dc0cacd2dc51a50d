using System.Runtime.InteropServices;
using System.Text;

namespace DocLint.Cli;

/// <summary>
/// This process's stdout and stderr as plain byte streams. .NET's <see cref="Console"/> streams initialise the terminal on
/// their first write, which sends the keypad sequence <c>ESC[?1h ESC=</c> to the terminal (to stdin's terminal when
/// stdout is a pipe or a file). DocLint is a batch tool and never reads keys, so on Unix it writes to file descriptors
/// 1 and 2 with write(2) itself: no control sequence reaches a terminal unless DocLint writes one (colour and the
/// progress line, only when that stream is a terminal). Unlike a <see cref="FileStream"/> over the descriptor, this
/// keeps no file position of its own, so <c>2&gt;&amp;1</c> into one file interleaves instead of overwriting.
/// </summary>
internal static class StdStreams
{
    public static TextWriter Out { get; } = Open(1);
    public static TextWriter Err { get; } = Open(2);

    private static TextWriter Open(int fd)
    {
        Stream stream = OperatingSystem.IsWindows()
            ? (fd == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError())
            : new DescriptorStream(fd);
        return new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024) { AutoFlush = true };
    }

    private sealed class DescriptorStream(int fd) : Stream
    {
        private const int EINTR = 4, EAGAIN = 11;
        private bool _closed;

        // The runtime's own native shim (shipped with every .NET runtime, linked into a Native AOT binary).
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Write", SetLastError = true)]
        private static extern int Write(nint fd, ref byte buffer, int size);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0 && !_closed)
            {
                var n = Write(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
                if (n > 0) { buffer = buffer[n..]; continue; }
                var errno = Marshal.GetLastPInvokeError();
                if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
                _closed = true; // the reader went away (EPIPE) or the descriptor is closed: drop the rest, as a closed pipe would
            }
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override void Flush() { }
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
