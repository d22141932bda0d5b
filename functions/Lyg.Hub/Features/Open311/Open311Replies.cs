using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// How every Open311 route answers: the format its extension names, UTF-8, the spec's <c>text/xml</c>, dates in W3C
/// ISO 8601 with the China Standard Time offset, and every failure — the gate's too — as the spec's error list rather
/// than problem+json.
/// </summary>
public static class Open311Replies
{
    /// <summary>The route prefix of GeoReport v2; endpoints under it speak the spec's errors.</summary>
    public const string RoutePrefix = "open311/v2/";

    /// <summary>The route parameter every Open311 route ends in: <c>.json</c> or <c>.xml</c>.</summary>
    public const string FormatRouteValue = "format";

    public const string XmlContentType = "text/xml; charset=utf-8";

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static bool Speaks(ApiEndpoint endpoint) =>
        endpoint?.Route.StartsWith(RoutePrefix, StringComparison.Ordinal) ?? throw new ArgumentNullException(nameof(endpoint));

    /// <summary>
    /// The format of the request's extension; null for another extension (answered 404 in XML). Read from the path when
    /// the route value is not bound yet (the Functions host binds it after its middleware, where the gate runs).
    /// </summary>
    public static ReplyFormat? FormatOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var extension = http.Request.RouteValues.TryGetValue(FormatRouteValue, out var bound) && bound is not null
            ? Convert.ToString(bound, CultureInfo.InvariantCulture)
            : Path.GetExtension(http.Request.Path.Value)?.TrimStart('.');
        return Replies.FormatOf(extension);
    }

    /// <summary>A W3C date-time with its offset, in China Standard Time: 2026-12-01T09:30:00+08:00.</summary>
    public static string DateTime(DateTimeOffset instant) =>
        instant.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static IResult Reply<T>(T value, ReplyFormat format, JsonTypeInfo<T> json, Action<XmlWriter, T> xml) =>
        Replies.Formatted(value, format, json, xml, xmlContentType: XmlContentType);

    /// <summary>The spec's error list with one error whose code is the HTTP status, in the format asked (XML when none is known).</summary>
    public static IResult Error(int status, string description, ReplyFormat? format) =>
        Replies.Formatted<IReadOnlyList<Open311Error>>(
            [new Open311Error(status, description)], format ?? ReplyFormat.Xml, Open311JsonContext.Wire.IReadOnlyListOpen311Error, Open311Xml.Errors,
            status, XmlContentType);

    public static IResult NotFound(string description, ReplyFormat? format) => Error(StatusCodes.Status404NotFound, description, format);

    public static IResult BadRequest(string description, ReplyFormat? format) => Error(StatusCodes.Status400BadRequest, description, format);

    /// <summary>Field errors as one 400, each field named: the spec's list has no field member, so the description carries it.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, ReplyFormat? format) =>
        BadRequest(string.Join(" ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), format);

    /// <summary>
    /// The gate's answer in the spec's terms: a problem becomes the error list with the same status, except that a
    /// refused api_key (401 for the rest of the API) is the spec's 403. Anything else passes unchanged.
    /// </summary>
    public static object? Translate(HttpContext http, object? answer)
    {
        ArgumentNullException.ThrowIfNull(http);
        var problem = answer switch
        {
            ProblemHttpResult p => p.ProblemDetails,
            ValidationProblem v => v.ProblemDetails,
            _ => null,
        };
        if (problem is null)
        {
            return answer;
        }

        if (answer is ValidationProblem validation)
        {
            return Invalid(validation.ProblemDetails.Errors.ToDictionary(), FormatOf(http));
        }

        var status = problem.Status ?? StatusCodes.Status400BadRequest;
        if (status == StatusCodes.Status401Unauthorized)
        {
            // The spec has no challenge: a missing or wrong api_key is simply forbidden.
            http.Response.Headers.WWWAuthenticate = default;
            status = StatusCodes.Status403Forbidden;
        }

        return Error(status, problem.Detail ?? problem.Title ?? "The request failed.", FormatOf(http));
    }
}
