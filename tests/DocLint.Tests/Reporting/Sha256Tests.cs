using System.Text;
using DocLint.Reporting;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Reporting;

/// <summary>The managed SHA-256 of the fingerprints gives the digests of .NET's (OpenSSL's) SHA-256.</summary>
public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Known_digests(string text, string hex) =>
        Assert.Equal(hex, Convert.ToHexStringLower(Sha256.Hash(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void Every_length_around_the_block_and_padding_boundaries_matches_the_system_digest()
    {
        var data = new byte[300];
        new Random(7).NextBytes(data);
        for (var n = 0; n <= data.Length; n++)
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data.AsSpan(0, n)), Sha256.Hash(data.AsSpan(0, n)));
    }

    [Fact]
    public void Random_inputs_match_the_system_digest() =>
        Check.QuickThrowOnFailure(Prop.ForAll<byte[]>(bytes =>
            Sha256.Hash(bytes).AsSpan().SequenceEqual(System.Security.Cryptography.SHA256.HashData(bytes))));
}
