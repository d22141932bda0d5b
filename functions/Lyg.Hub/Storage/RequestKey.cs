using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lyg.Hub.Storage;

/// <summary>
/// A client's Idempotency-Key, scoped to the caller and operation and hashed (any characters are then safe as a table
/// key), plus the hash of the request it came with, so reusing a key for a different request is detected.
/// </summary>
public sealed record RequestKey(string KeyHash, string RequestHash)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <summary>What a malformed key is told, whichever request carried it.</summary>
    public static readonly string ShapeError = $"Use 1 to {MaxLength} visible ASCII characters.";

    /// <summary>The request is hashed in its re-serialised form, so whitespace or member order do not matter.</summary>
    public static RequestKey Create<T>(string scope, string key, T request, JsonTypeInfo<T> typeInfo) =>
        new(Hash(Encoding.UTF8.GetBytes($"{scope}\n{key}")), Hash(JsonSerializer.SerializeToUtf8Bytes(request, typeInfo)));

    /// <summary>For a request that is a file: the file's own hash (lower-case hex SHA-256) stands for the request.</summary>
    public static RequestKey ForContent(string scope, string key, string contentSha256) =>
        new(Hash(Encoding.UTF8.GetBytes($"{scope}\n{key}")), contentSha256);

    /// <summary>Checks a header value: 1 to <see cref="MaxLength"/> visible ASCII characters.</summary>
    public static bool IsWellFormed(string key) =>
        key.Length is > 0 and <= MaxLength && key.All(c => c is >= '!' and <= '~');

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
