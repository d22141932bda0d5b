using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>
/// The <c>Idempotency-Key</c> header of a write, read the same way by every route that takes one: absent is no key;
/// present it must be one value of 1 to <see cref="RequestKey.MaxLength"/> visible ASCII characters (a repeated header
/// would otherwise reach the handler joined by a comma, a key the client never sent).
/// </summary>
public static class IdempotencyKeyHeader
{
    /// <summary>The key, or null without one; a malformed key adds its field error to <paramref name="errors"/>.</summary>
    public static string? Read(HttpRequest request, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!request.Headers.TryGetValue(RequestKey.HeaderName, out var values))
        {
            return null;
        }

        if (values.Count != 1 || !RequestKey.IsWellFormed(values.ToString()))
        {
            errors[RequestKey.HeaderName] = [RequestKey.ShapeError];
            return null;
        }

        return values.ToString();
    }
}
