using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Lyg.Contracts;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>
/// Reads a bounded JSON request body; every failure becomes a problem answer, never an exception. A body that is not
/// one well-formed JSON object in UTF-8 (cut short, badly framed, nested too deeply) is malformed; a value a field
/// cannot take (an enum name the contract does not declare, a number too large for its type) is a validation problem
/// keyed by the field's JSON path, as handlers key theirs (<c>location.crs</c>).
/// </summary>
public static class JsonBody
{
    /// <summary>Largest JSON body any endpoint accepts; attachments travel separately.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var (body, unreadable) = await ReadBytesAsync(request, cancellationToken);
        return body is null ? (null, unreadable) : Parse(body, typeInfo);
    }

    /// <summary>The bytes of a JSON body within the size limit, or the problem with its media type, size or transfer.</summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
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

        return await ReadBytesAsync(request.Body, cancellationToken);
    }

    /// <summary>One JSON object of <typeparamref name="T"/>, from whatever channel the bytes came, or the problem with it.</summary>
    public static (T? Value, IResult? Problem) Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (SyntaxError(body) is { } syntaxError)
        {
            return (null, Problems.Malformed(syntaxError));
        }

        try
        {
            // A well-formed object never deserialises to null.
            return (JsonSerializer.Deserialize(body, typeInfo)!, null);
        }
        catch (JsonException ex)
        {
            var message = ex is WireValueException ? ex.Message : "This value does not fit the field: check its type and range.";
            return (null, Problems.Validation(new Dictionary<string, string[]> { [FieldOf(ex.Path)] = [message] }));
        }
    }

    /// <summary>
    /// The body's bytes, or the problem when reading fails: Kestrel's BadHttpRequestException for a malformed chunk or
    /// a body shorter than its Content-Length, IOException for a reset connection, OperationCanceledException when the
    /// client aborted (it will not see the answer, but the host must not log an unhandled error).
    /// </summary>
    private static async Task<(byte[]? Body, IResult? Problem)> ReadBytesAsync(Stream source, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, Problems.PayloadTooLarge(MaxBytes));
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.PayloadTooLarge(MaxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Problems.Malformed($"The body could not be read: {ex.Message}"));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return (null, Problems.Malformed("The body was cut short: the connection failed or was closed before its end."));
        }
    }

    /// <summary>
    /// Why the body is not one JSON object in UTF-8, or null. Checked over the whole body before deserialising, with the
    /// contracts' reader rules (no comments, no trailing commas, depth 64), so what the serializer refuses after it is
    /// the value of a field.
    /// </summary>
    private static string? SyntaxError(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return "The body is not valid UTF-8.";
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "The body must be a JSON object.";
            }

            // The reader throws at the first syntax error, at depth 64, or at anything after the object.
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The serializer's path (<c>$.location.crs</c>) as validation errors key fields: <c>location.crs</c>.</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
