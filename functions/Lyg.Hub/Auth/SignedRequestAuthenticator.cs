using System.Globalization;
using Lyg.Hub.Api;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

/// <summary>
/// Verifies a machine client's signed request (<see cref="RequestSignature"/>) in an order that writes nothing until
/// the request is known good: the headers well formed, the client known, the timestamp within the skew, the signature
/// matching one of the client's secrets over the body (read once, bounded, and rewound for the handler), the endpoint
/// within the client's allowance, and only then the nonce recorded — a nonce seen before is a replay.
/// </summary>
public sealed class SignedRequestAuthenticator(MachineClients clients, NonceStore nonces, IOptions<SigningOptions> options, TimeProvider clock)
{
    /// <summary>The scheme a 401 on a signed endpoint challenges for.</summary>
    public const string Scheme = "Lyg-HMAC-SHA256";

    public const int MinNonceLength = 8;
    public const int MaxNonceLength = 64;

    private const int MaxTimestampDigits = 18;

    /// <summary>The four headers a signed request carries.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        [RequestSignature.ClientHeader, RequestSignature.TimestampHeader, RequestSignature.NonceHeader, RequestSignature.SignatureHeader];

    /// <summary>The machine caller, or the problem that refuses the request.</summary>
    public async Task<(Caller? Caller, IResult? Refusal)> AuthenticateAsync(HttpRequest request, ApiEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (Headers.Where(h => string.IsNullOrEmpty(request.Headers[h].ToString())).ToList() is { Count: > 0 } missing)
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.MissingSignatureHeaders, $"A signed request carries {string.Join(", ", Headers)}; missing: {string.Join(", ", missing)}.");
        }

        if (Headers.FirstOrDefault(h => request.Headers[h].Count > 1) is { } repeated)
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.RepeatedSignatureHeader, $"{repeated} is sent more than once.");
        }

        var clientId = request.Headers[RequestSignature.ClientHeader].ToString();
        var timestampText = request.Headers[RequestSignature.TimestampHeader].ToString();
        var nonce = request.Headers[RequestSignature.NonceHeader].ToString();
        if (!IsTimestamp(timestampText, out var timestamp))
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.MalformedTimestamp, $"{RequestSignature.TimestampHeader} is the time in Unix seconds, in decimal digits.");
        }

        if (!IsNonce(nonce))
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.MalformedNonce, $"{RequestSignature.NonceHeader} is {MinNonceLength} to {MaxNonceLength} visible ASCII characters, never used before.");
        }

        if (clients.Find(clientId) is not { } client)
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.UnknownClient, $"{RequestSignature.ClientHeader} names no machine client of this hub.");
        }

        var now = clock.GetUtcNow();
        var skew = options.Value.ClockSkew;
        var offset = timestamp - now.ToUnixTimeSeconds();
        if (Math.Abs(offset) > skew.TotalSeconds)
        {
            return RefusalReasons.Unauthenticated(
                RefusalReasons.TimestampOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"{RequestSignature.TimestampHeader} {timestamp} is {offset} s from the hub's clock ({now.ToUnixTimeSeconds()}); at most {skew.TotalSeconds:0} s either way are accepted."));
        }

        var (body, unreadable) = await ReadBodyAsync(request);
        if (body is null)
        {
            return (null, unreadable);
        }

        var path = PathAsSent(request);
        var signature = request.Headers[RequestSignature.SignatureHeader].ToString();
        var matched = false;
        foreach (var secret in client.Secrets)
        {
            // Every secret is tried, so the time taken does not tell which one matched.
            matched |= RequestSignature.Matches(secret, request.Method, path, timestamp, nonce, body, signature);
        }

        if (!matched)
        {
            var signed = RequestSignature.CanonicalText(request.Method, path, timestamp, nonce, body).Replace("\n", "\\n", StringComparison.Ordinal);
            return RefusalReasons.Unauthenticated(RefusalReasons.SignatureMismatch, $"{RequestSignature.SignatureHeader} does not match this request under any secret of {client.Id}. The hub verified the text \"{signed}\".");
        }

        if (!client.MayCall(endpoint))
        {
            return RefusalReasons.NotAllowed(client, endpoint);
        }

        if (!await nonces.TryRecordAsync(client.Id, nonce, request.HttpContext.RequestAborted))
        {
            return RefusalReasons.Unauthenticated(RefusalReasons.NonceReplayed, $"{RequestSignature.NonceHeader} was used before by {client.Id}: every request takes a new nonce.");
        }

        return (Caller.ForMachine(client.Id, client.Kind), null);
    }

    /// <summary>
    /// The request target as the client sent it, with <c>/api</c> and <c>?query</c>, escapes untouched; where the server
    /// does not keep it (a test context), the path rebuilt from its parts.
    /// </summary>
    public static string PathAsSent(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is { Length: > 0 } && raw[0] == '/' ? raw : (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
    }

    private static bool IsTimestamp(string text, out long timestamp)
    {
        timestamp = 0;
        return text.Length is > 0 and <= MaxTimestampDigits && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
    }

    private static bool IsNonce(string nonce) =>
        nonce.Length is >= MinNonceLength and <= MaxNonceLength && nonce.All(c => c is >= '!' and <= '~');

    /// <summary>The whole body, bounded; the stream is left rewound so the handler reads it from the start.</summary>
    private async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request)
    {
        var limit = options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, Problems.PayloadTooLarge(limit));
        }

        // No buffer limit of its own: the read stops just past the limit and answers 413, where the buffer would throw.
        request.EnableBuffering(bufferThreshold: Math.Min(limit, JsonBody.MaxBytes));
        var read = await JsonBody.ReadBytesAsync(request.Body, limit, request.HttpContext.RequestAborted);
        if (read.Body is not null)
        {
            request.Body.Position = 0;
        }

        return read;
    }
}
