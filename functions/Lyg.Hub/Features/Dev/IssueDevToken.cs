using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Dev;

/// <summary>POST dev/tokens: local tokens for people, so a newcomer can call every endpoint. Mapped only in Development.</summary>
public sealed class IssueDevToken(DevTokenIssuer issuer)
{
    public const int MaxSubjectLength = 64;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.DevTokenRequest, http.RequestAborted);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (token, expiresAt) = issuer.Issue(request.Subject!, [.. request.Roles!.OfType<string>().Distinct(StringComparer.Ordinal)], request.Unit);
        return TypedResults.Json(new DevTokenResponse(token, expiresAt), LygJsonContext.Wire.DevTokenResponse);
    }

    public static Dictionary<string, string[]> Validate(DevTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > MaxSubjectLength)
        {
            errors["subject"] = [$"A subject of 1 to {MaxSubjectLength} characters is required."];
        }

        if (request.Roles is null || request.Roles.Count == 0)
        {
            errors["roles"] = ["At least one role is required."];
        }
        else if (request.Roles.Where(r => r is null || !Roles.People.Contains(r)).Select(r => r ?? "null").FirstOrDefault() is { } unknown)
        {
            errors["roles"] = [$"'{unknown}' is not a role of a person. Known: {string.Join(", ", Roles.People.Order(StringComparer.Ordinal))}."];
        }
        else if (request.Roles.Contains(Roles.Unit) && string.IsNullOrWhiteSpace(request.Unit))
        {
            errors["unit"] = ["The unit role needs a unit code."];
        }

        return errors;
    }
}
