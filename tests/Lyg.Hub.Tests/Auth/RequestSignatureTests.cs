using System.Security.Cryptography;
using System.Text;
using Lyg.Hub.Auth;

namespace Lyg.Hub.Tests.Auth;

public sealed class RequestSignatureTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"workOrderNo\":\"GD2026120100001\"}");

    [Fact]
    public void The_canonical_text_is_five_lines_with_the_method_upper_cased_and_the_body_hashed_in_lower_hex()
    {
        var text = RequestSignature.CanonicalText("post", "/api/v1/hotline12345/work-orders?x=1", 1764547200, "n0nce-123", Body);

        Assert.Equal(
            "POST\n/api/v1/hotline12345/work-orders?x=1\n1764547200\nn0nce-123\n" + Convert.ToHexStringLower(SHA256.HashData(Body)),
            text);
    }

    [Fact]
    public void An_empty_body_is_hashed_as_the_empty_string()
    {
        var text = RequestSignature.CanonicalText("GET", "/api/v1/machine/ping", 1, "abcdefgh", []);

        Assert.EndsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signature_is_the_base64_hmac_sha256_of_the_canonical_text()
    {
        var signature = RequestSignature.Sign(Secret, "GET", "/api/v1/machine/ping", 1764547200, "abcdefgh", []);

        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Secret, Encoding.UTF8.GetBytes("GET\n/api/v1/machine/ping\n1764547200\nabcdefgh\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")));
        Assert.Equal(expected, signature);
    }

    [Fact]
    public void A_signature_matches_only_its_own_request_and_secret()
    {
        var signature = RequestSignature.Sign(Secret, "POST", "/api/v1/reports", 100, "abcdefgh", Body);

        Assert.True(RequestSignature.Matches(Secret, "POST", "/api/v1/reports", 100, "abcdefgh", Body, signature));
        Assert.False(RequestSignature.Matches(Secret, "POST", "/api/v1/reports", 101, "abcdefgh", Body, signature));
        Assert.False(RequestSignature.Matches(Secret, "POST", "/api/v1/reports?a=1", 100, "abcdefgh", Body, signature));
        Assert.False(RequestSignature.Matches(Secret, "POST", "/api/v1/reports", 100, "abcdefgi", Body, signature));
        Assert.False(RequestSignature.Matches(Secret, "POST", "/api/v1/reports", 100, "abcdefgh", [.. Body, (byte)' '], signature));
        Assert.False(RequestSignature.Matches(Encoding.ASCII.GetBytes("another secret of 32 bytes long!"), "POST", "/api/v1/reports", 100, "abcdefgh", Body, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_signature_that_is_not_base64_of_32_bytes_does_not_match(string signature)
    {
        Assert.False(RequestSignature.Matches(Secret, "GET", "/api/health", 1, "abcdefgh", [], signature));
    }
}
