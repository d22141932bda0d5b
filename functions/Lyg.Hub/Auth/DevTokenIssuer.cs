using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lyg.Hub.Auth;

/// <summary>Issues tokens signed with the configured key; exposed over HTTP only by the standalone host in Development.</summary>
public sealed class DevTokenIssuer(TokenKeys keys, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, IReadOnlyCollection<string> roles, string? unit)
    {
        var now = clock.GetUtcNow();
        var expires = now + keys.Options.DevTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [CallerAuthenticator.RolesClaim] = roles.ToArray(),
        };
        if (!string.IsNullOrWhiteSpace(unit))
        {
            claims[CallerAuthenticator.UnitClaim] = unit;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = keys.Options.Issuer,
            Audience = keys.Options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256),
        };
        return (_handler.CreateToken(descriptor), expires);
    }
}
