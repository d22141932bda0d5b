using System.Text.Json;
using Lyg.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Lyg.Hub.Auth;

/// <summary>Validates a bearer JWT and reads the caller from its claims (<c>sub</c>, <c>roles</c>, <c>unit</c>).</summary>
public sealed class CallerAuthenticator(TokenKeys keys)
{
    public const string RolesClaim = "roles";
    public const string UnitClaim = "unit";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The caller, or the reason the request is not authenticated.</summary>
    public async Task<(Caller? Caller, string? Failure)> AuthenticateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "The Authorization header must carry a bearer token.");
        }

        var result = await _handler.ValidateTokenAsync(header["Bearer ".Length..].Trim(), keys.Validation);
        if (!result.IsValid)
        {
            return (null, result.Exception?.GetType().Name switch
            {
                nameof(Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException) => "The token has expired.",
                _ => "The token is not valid for this service.",
            });
        }

        var subject = result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return (null, "The token has no subject.");
        }

        var roles = ReadRoles(result.Claims.TryGetValue(RolesClaim, out var raw) ? raw : null);
        var unit = result.Claims.TryGetValue(UnitClaim, out var u) ? u as string : null;
        if (roles.Contains(Roles.Unit) && string.IsNullOrWhiteSpace(unit))
        {
            return (null, "A token with the unit role must name its unit.");
        }

        // The issuer was validated against the configured one; recorded, a subject cannot be claimed by another provider.
        var issuer = result.Issuer ?? "";
        var requested = request.Headers[Caller.RoleHeader].ToString();
        return (new Caller(issuer, subject, roles, unit, requested.Length == 0 ? null : requested), null);
    }

    /// <summary>Accepts a single role string or an array of them; unknown roles are dropped, not trusted.</summary>
    private static HashSet<string> ReadRoles(object? claim)
    {
        IEnumerable<string?> values = claim switch
        {
            string one => [one],
            IEnumerable<object> many => many.Select(o => o?.ToString()),
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString()),
            _ => [],
        };
        return values.Where(r => r is not null && Roles.People.Contains(r)).Select(r => r!).ToHashSet(StringComparer.Ordinal);
    }
}
