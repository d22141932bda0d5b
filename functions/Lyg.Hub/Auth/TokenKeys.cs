using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Lyg.Hub.Auth;

/// <summary>Turns the configured secrets into validation parameters once, and refuses to start with unusable ones.</summary>
public sealed class TokenKeys
{
    private const int MinimumKeyBytes = 32;

    public TokenKeys(IOptions<JwtOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jwt = options.Value;
        if (string.IsNullOrWhiteSpace(jwt.Issuer) || string.IsNullOrWhiteSpace(jwt.Audience) || jwt.SigningKeys.Count == 0)
        {
            throw new OptionsValidationException(JwtOptions.Section, typeof(JwtOptions),
                [$"{JwtOptions.Section}: Issuer, Audience and at least one SigningKeys entry are required."]);
        }

        var keys = jwt.SigningKeys.Select((secret, index) => ToKey(secret, index)).ToList();
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

    private static SymmetricSecurityKey ToKey(string secret, int index)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            throw new OptionsValidationException(JwtOptions.Section, typeof(JwtOptions), [$"SigningKeys[{index}] is not base64."]);
        }

        if (bytes.Length < MinimumKeyBytes)
        {
            throw new OptionsValidationException(JwtOptions.Section, typeof(JwtOptions),
                [$"SigningKeys[{index}] has {bytes.Length} bytes; HMAC-SHA256 needs at least {MinimumKeyBytes}."]);
        }

        // The key id derives from the key itself, not its position, so reordering keys to rotate keeps old tokens valid.
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] };
    }
}
