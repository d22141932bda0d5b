using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lyg.Hub.Api;

/// <summary>The formats a reply body can take besides files.</summary>
public enum ReplyFormat
{
    Json,
    Xml,
}

/// <summary>
/// The one mechanism for answers that are not plain JSON: a value in the format the caller asked for (Open311 serves
/// <c>.json</c> and <c>.xml</c> of the same resource), and files (evaluation workbooks, CSV exports). Handlers return
/// these as any other result, so the gate, problems and both hosts treat them alike.
/// </summary>
public static class Replies
{
    public const string XmlContentType = "application/xml; charset=utf-8";

    /// <summary>
    /// The format a route extension names (<c>json</c>, <c>xml</c>, any case), or null when it names another: the
    /// caller then gets a 404, as for a resource that does not exist.
    /// </summary>
    public static ReplyFormat? FormatOf(string? extension) => extension?.ToLowerInvariant() switch
    {
        "json" => ReplyFormat.Json,
        "xml" => ReplyFormat.Xml,
        _ => null,
    };

    /// <summary>
    /// <paramref name="value"/> as JSON through its source-generated contract, or as XML through <paramref name="writeXml"/>
    /// with <paramref name="xmlContentType"/> (a spec may name its own, as Open311 names text/xml).
    /// </summary>
    public static IResult Formatted<T>(
        T value, ReplyFormat format, JsonTypeInfo<T> json, Action<XmlWriter, T> writeXml, int status = StatusCodes.Status200OK, string xmlContentType = XmlContentType) =>
        new FormattedReply<T>(value, format, json, writeXml, status, xmlContentType);

    /// <summary>A download: the bytes with their media type, named for saving (a Chinese file name survives, RFC 6266).</summary>
    public static IResult File(byte[] content, string contentType, string fileName) => new FileReply(content, contentType, fileName, null);

    /// <summary>
    /// A file shown in place (a photo in the mini-program or a browser), never sniffed as another type, cached by the
    /// caller's own client only (<c>private</c>: it is served per caller) for <paramref name="maxAge"/>, and revalidated
    /// by its <paramref name="etag"/> with 304 once that has passed.
    /// </summary>
    public static IResult InlineFile(byte[] content, string contentType, string etag, TimeSpan maxAge) =>
        new FileReply(content, contentType, null, new FileCaching(etag, maxAge));

    private sealed record FileCaching(string ETag, TimeSpan MaxAge);

    private sealed class FormattedReply<T>(T value, ReplyFormat format, JsonTypeInfo<T> json, Action<XmlWriter, T> writeXml, int status, string xmlContentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status;
            if (format == ReplyFormat.Json)
            {
                response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(response.Body, value, json, httpContext.RequestAborted);
                return;
            }

            // XmlWriter writes synchronously, which Kestrel refuses on the response stream: write to memory, then copy.
            using var buffer = new MemoryStream();
            using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            {
                writer.WriteStartDocument();
                writeXml(writer, value);
                writer.WriteEndDocument();
            }

            response.ContentType = xmlContentType;
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, httpContext.RequestAborted);
        }
    }

    private sealed class FileReply(byte[] content, string contentType, string? fileName, FileCaching? caching) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.Headers.XContentTypeOptions = "nosniff";
            if (caching is not null)
            {
                var etag = new EntityTagHeaderValue($"\"{caching.ETag}\"");
                response.Headers.ETag = etag.ToString();
                response.Headers.CacheControl = $"private, max-age={(long)caching.MaxAge.TotalSeconds}";
                if (EntityTagHeaderValue.TryParseList(httpContext.Request.Headers.IfNoneMatch, out var matches)
                    && matches.Any(m => m.Compare(etag, useStrongComparison: false) || m.Tag == "*"))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
            }

            response.ContentType = contentType;
            response.ContentLength = content.Length;
            var disposition = new ContentDispositionHeaderValue(fileName is null ? "inline" : "attachment");
            if (fileName is not null)
            {
                disposition.SetHttpFileName(fileName);
            }

            response.Headers.ContentDisposition = disposition.ToString();
            await response.Body.WriteAsync(content, httpContext.RequestAborted);
        }
    }
}
