using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Auth;

/// <summary>
/// Signed requests as an integrator writes them from the README, without the hub's code: HMAC-SHA256 under the decoded
/// secret over method, path with query, timestamp, nonce and the body's hex SHA-256, joined by newlines.
/// </summary>
internal static class MachineRequests
{
    /// <summary>The sample clients of the Development settings, by id: their kind and decoded secret.</summary>
    public static IReadOnlyDictionary<string, (string Kind, byte[] Secret)> Samples { get; } = LoadSamples();

    /// <summary>A signed request; with a <paramref name="body"/>, its exact bytes are hashed and sent with <paramref name="contentType"/>.</summary>
    public static HttpRequestMessage Signed(
        HttpMethod method, string pathAndQuery, string clientId, string? nonce = null, long? timestamp = null, byte[]? secret = null,
        byte[]? body = null, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(method);
        var unix = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        nonce ??= Guid.NewGuid().ToString("N");
        var text = string.Join('\n', method.Method, pathAndQuery, unix.ToString(CultureInfo.InvariantCulture), nonce, Convert.ToHexStringLower(SHA256.HashData(body ?? [])));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(secret ?? Samples[clientId].Secret, Encoding.UTF8.GetBytes(text)));

        // The path is relative to the client's base address http://127.0.0.1:port/, so it is sent exactly as signed.
        var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        request.Headers.Add("X-Lyg-Client", clientId);
        request.Headers.Add("X-Lyg-Timestamp", unix.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Lyg-Nonce", nonce);
        request.Headers.Add("X-Lyg-Signature", signature);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    /// <summary>A copy of a request with the same method, URL and headers: what a replaying attacker sends.</summary>
    public static HttpRequestMessage Copy(HttpRequestMessage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var copy = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var (name, values) in original.Headers)
        {
            copy.Headers.Add(name, values);
        }

        if (original.Content is ByteArrayContent content)
        {
            copy.Content = new ByteArrayContent(content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
            copy.Content.Headers.TryAddWithoutValidation("Content-Type", content.Headers.ContentType?.ToString());
        }

        return copy;
    }

    private static Dictionary<string, (string, byte[])> LoadSamples()
    {
        var file = Path.Combine(RepositoryPaths.Root, "functions", "Lyg.Standalone", "appsettings.Development.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return settings.RootElement.GetProperty("MachineClients").EnumerateObject().ToDictionary(
            client => client.Name,
            client => (client.Value.GetProperty("Kind").GetString()!, Convert.FromBase64String(client.Value.GetProperty("Secrets")[0].GetString()!)));
    }
}
