using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lyg.Hub.Auth;

/// <summary>Turns the configured secrets into validation parameters once; unusable settings are refused (see <see cref="JwtOptionsValidation"/>).</summary>
public sealed class TokenKeys
{
    public TokenKeys(IOptions<JwtOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jwt = options.Value;
        if (JwtOptionsValidation.Problems(jwt) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(JwtOptions.Section, typeof(JwtOptions), problems);
        }

        var keys = jwt.SigningKeys.Select(ToKey).ToList();
        SigningKey = keys[0];
        Options = jwt;
        Validation = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
        };
    }

    public JwtOptions Options { get; }

    public TokenValidationParameters Validation { get; }

    /// <summary>The first configured key; the Development issuer signs with it.</summary>
    public SymmetricSecurityKey SigningKey { get; }

    // The key id derives from the key itself, not its position, so reordering keys to rotate keeps old tokens valid.
    private static SymmetricSecurityKey ToKey(string secret)
    {
        var bytes = JwtOptionsValidation.Decode(secret)!;
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
    }
}
