using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>Reads a bounded JSON request body; every failure becomes a problem answer, never an exception.</summary>
public static class JsonBody
{
    /// <summary>Largest JSON body any endpoint accepts; attachments travel separately.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(MaxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.PayloadTooLarge(MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
            return value is null ? (null, Problems.Malformed("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Malformed(ex.Message));
        }
    }
}
