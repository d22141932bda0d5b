using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lyg.Hub.Api;

/// <summary>RFC 9457 problem+json answers, one per failure kind, so every endpoint speaks the same error language.</summary>
public static class Problems
{
    private const string TypePrefix = "https://lyg-serverless.dev/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.", type: TypePrefix + "validation");

    public static IResult Malformed(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed", "The request body could not be read.", detail);

    public static IResult Unauthenticated(string detail) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthenticated", "A valid bearer token is required.", detail);

    public static IResult Forbidden(string detail) =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "The caller may not do this.", detail);

    public static IResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static IResult StateConflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "state-conflict", "The case's state does not allow this action.", detail);

    /// <summary>A repeat that is not a repeat: the key was first used with another request, which stands unchanged.</summary>
    public static IResult IdempotencyMismatch(string detail) =>
        Problem(StatusCodes.Status409Conflict, "idempotency-key-reused", "The Idempotency-Key was used for a different request.", detail);

    /// <summary>The request is well-formed but names something the platform cannot act on, such as a point outside its grids.</summary>
    public static IResult Unprocessable(string slug, string title, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, slug, title, detail);

    public static IResult PayloadTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"At most {limit} bytes are accepted.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Send application/json.", "The Content-Type must be application/json.");

    public static IResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "A dependency is unavailable.", detail);

    /// <summary>A bug: the handler threw. The log has the exception; the caller learns nothing of the internals.</summary>
    public static IResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "unexpected", "The request failed unexpectedly.", "The failure was logged; retrying will not help until it is fixed.");

    private static ProblemHttpResult Problem(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypePrefix + slug);
}
