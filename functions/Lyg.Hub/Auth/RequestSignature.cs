using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lyg.Hub.Auth;

/// <summary>
/// The HMAC-SHA256 signature machine clients put on their requests, and the hub on what it sends them: base64 of the
/// MAC keyed with the decoded secret over five lines joined by <c>\n</c> — the method in upper case, the path as sent
/// (with <c>/api</c> and <c>?query</c>), the Unix timestamp, the nonce, and the lower-case hex SHA-256 of the body.
/// </summary>
public static class RequestSignature
{
    public const string ClientHeader = "X-Lyg-Client";
    public const string TimestampHeader = "X-Lyg-Timestamp";
    public const string NonceHeader = "X-Lyg-Nonce";
    public const string SignatureHeader = "X-Lyg-Signature";

    /// <summary>The text that is signed.</summary>
    public static string CanonicalText(string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        return string.Join(
            '\n',
            method.ToUpperInvariant(),
            pathAndQuery,
            timestamp.ToString(CultureInfo.InvariantCulture),
            nonce,
            Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    /// <summary>The base64 signature of the canonical text under <paramref name="secret"/> (the decoded key bytes).</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(CanonicalText(method, pathAndQuery, timestamp, nonce, body))));

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of the request under <paramref name="secret"/>, compared in
    /// constant time; a signature that is not base64 of 32 bytes is simply wrong.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> secret, string method, string pathAndQuery, long timestamp, string nonce, ReadOnlySpan<byte> body, string signature)
    {
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature ?? "", presented, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(CanonicalText(method, pathAndQuery, timestamp, nonce, body)), expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
