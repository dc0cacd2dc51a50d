using System.Text;

namespace DocLint.Tests.Support;

/// <summary>
/// Breaks text the way the as-received playbook was broken in transit: its UTF-8 bytes read as a Windows code page
/// (1254 for the seed: 🚂 → ğŸš‚; 1252 is the other common one: 🚂 → ðŸš‚), bytes the code page does not define
/// dropped, and the result saved again as UTF-8.
/// </summary>
public static class Mojibake
{
    static Mojibake() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="keepUndefined">Keep the bytes the code page leaves undefined as C1 control characters
    /// (U+0081…), as some tools do, instead of dropping them.</param>
    public static string Break(string text, int codePage = 1254, bool keepUndefined = false)
    {
        // .NET maps the undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D …) to the C1 controls; a defined byte never
        // decodes to one, so dropping C1 controls drops exactly the undefined bytes.
        var broken = Encoding.GetEncoding(codePage).GetString(Encoding.UTF8.GetBytes(text));
        return keepUndefined ? broken : new string(broken.Where(c => c is < '\u0080' or > '\u009f').ToArray());
    }
}
