using System.Text;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// The body of a 12345 request as UTF-8 JSON. Hotline systems send UTF-8 or GB18030 (often labelled gbk or gb2312, which
/// GB18030 extends); the charset must be declared in Content-Type unless the body is UTF-8. Decoding works on the bytes
/// the signature was verified over, so what is read is exactly what was signed.
/// </summary>
public static class HotlineBody
{
    public const string ContentTypeField = "Content-Type";

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
        CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as UTF-8, or the problem: not JSON (415), too large (413), an unknown charset or bytes not in the declared one (400).</summary>
    public static async Task<(byte[]? Utf8, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > JsonBody.MaxBytes)
        {
            return (null, Problems.PayloadTooLarge(JsonBody.MaxBytes));
        }

        var (body, unreadable) = await JsonBody.ReadBytesAsync(request.Body, JsonBody.MaxBytes, cancellationToken);
        return body is null ? (null, unreadable) : Decode(body, mediaType.Charset.HasValue ? mediaType.Charset.Value : null);
    }

    /// <summary>The bytes in <paramref name="charset"/> (none: UTF-8) as UTF-8, or a 400 naming Content-Type.</summary>
    public static (byte[]? Utf8, IResult? Problem) Decode(byte[] body, string? charset)
    {
        ArgumentNullException.ThrowIfNull(body);
        var declared = charset?.Trim('"', ' ').ToLowerInvariant();
        var encoding = declared switch
        {
            null or "utf-8" or "utf8" => StrictUtf8,
            "gb18030" or "gbk" or "gb2312" => Gb18030.Value,
            _ => null,
        };
        if (encoding is null)
        {
            return (null, Refused($"charset={charset} is not taken: send utf-8, or gb18030 (gbk and gb2312 are read as gb18030)."));
        }

        try
        {
            var text = encoding.GetString(body);
            return (encoding == StrictUtf8 ? body : Encoding.UTF8.GetBytes(text), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Refused(declared is null
                ? "The body is not UTF-8: declare its charset, e.g. application/json; charset=gb18030."
                : $"The body is not valid {declared}."));
        }
    }

    private static IResult Refused(string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [ContentTypeField] = [message] });
}
