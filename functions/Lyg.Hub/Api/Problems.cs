using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub.Api;

/// <summary>
/// RFC 9457 problem+json answers, one per failure kind, so every endpoint speaks the same error language. Each carries
/// the W3C trace id of the request as <c>traceId</c>: the id a caller quotes is the one the trace store searches by.
/// The Functions app writes them as they are; the standalone host through <see cref="AddLygProblemDetails"/>.
/// </summary>
public static class Problems
{
    public const string TraceIdMember = "traceId";

    private const string TypePrefix = "https://lyg-serverless.dev/problems/";

    /// <summary>The problem member that carries a refusal's reason code.</summary>
    public const string ReasonMember = "reason";

    private const string ForbiddenTitle = "The caller may not do this.";

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", type: TypePrefix + "validation", extensions: TraceMember());

    public static IResult Malformed(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed", "The request body could not be read.", detail);

    public static IResult Unauthenticated(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "A valid bearer token is required.", detail);

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", ForbiddenTitle, detail);

    /// <summary>
    /// Credentials refused (401) or a caller refused this endpoint (403), with the machine-readable <c>reason</c> a
    /// client's code can act on without parsing the detail (<c>timestamp-out-of-range</c>: fix the clock).
    /// </summary>
    public static IResult Refused(int status, string reason, string detail)
    {
        var (slug, title) = status switch
        {
            StatusCodes.Status401Unauthorized => ("unauthenticated", "The request is not authenticated."),
            StatusCodes.Status403Forbidden => ("forbidden", ForbiddenTitle),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A refusal is 401 or 403."),
        };
        return TypedResults.Problem(detail, statusCode: status, title: title, type: TypePrefix + slug, extensions: new Dictionary<string, object?> { [ReasonMember] = reason });
    }

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static IResult StateConflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "state-conflict", "The case's state does not allow this action.", detail);

    /// <summary>409 for a conflict with what is stored other than the case's state, with its own slug (<c>no-inspector</c>).</summary>
    public static IResult Conflict(string slug, string title, string detail) =>
        Problem(StatusCodes.Status409Conflict, slug, title, detail);

    /// <summary>A repeat that is not a repeat: the key was first used with another request, which stands unchanged.</summary>
    public static IResult IdempotencyMismatch(string detail) =>
        Problem(StatusCodes.Status409Conflict, "idempotency-key-reused", "The Idempotency-Key was used for a different request.", detail);

    /// <summary>The request is well-formed but names something the platform cannot act on, such as a point outside its grids.</summary>
    public static IResult Unprocessable(string slug, string title, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, slug, title, detail);

    public static IResult PayloadTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"At most {limit} bytes are accepted.");

    public static IResult UnsupportedMediaType() => UnsupportedMediaType("Send application/json.", "The Content-Type must be application/json.");

    public static IResult UnsupportedMediaType(string title, string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", title, detail);

    /// <summary>415 naming the field whose content is of a type the endpoint does not take, whatever its label said.</summary>
    public static IResult UnsupportedContent(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status415UnsupportedMediaType,
            Title = "The content is of a type this endpoint does not take.",
            Type = TypePrefix + "unsupported-media-type",
        };
        foreach (var (name, value) in TraceMember() ?? [])
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// Sets Retry-After to <paramref name="wait"/> in whole seconds, rounded up so a client that waits exactly that long
    /// is not early; returns the seconds, for the problem's detail.
    /// </summary>
    public static int SetRetryAfter(HttpResponse response, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    /// <summary>A limit per caller was reached; the handler sets Retry-After (<see cref="SetRetryAfter"/>) to when it lifts.</summary>
    public static IResult TooManyRequests(string detail) =>
        Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", detail);

    public static IResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "A dependency is unavailable.", detail);

    /// <summary>A bug: the handler threw. The log has the exception; the caller learns nothing of the internals.</summary>
    public static IResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "unexpected", "The request failed unexpectedly.", "The failure was logged; retrying will not help until it is fixed.");

    /// <summary>
    /// The problem details service with the trace id kept: its default writer, which also renders these results and the
    /// framework's own problems (status code pages, the exception handler), would put the whole traceparent there.
    /// </summary>
    public static IServiceCollection AddLygProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            foreach (var (name, value) in TraceMember() ?? [])
            {
                context.ProblemDetails.Extensions[name] = value;
            }
        });

    private static ProblemHttpResult Problem(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypePrefix + slug, extensions: TraceMember());

    private static Dictionary<string, object?>? TraceMember() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? new() { [TraceIdMember] = activity.TraceId.ToHexString() }
            : null;
}
