namespace Lyg.Hub.Auth;

/// <summary>
/// Bearer token validation (section <c>Auth:Jwt</c>). Keys are base64 HMAC-SHA256 secrets of at least 32 bytes;
/// listing several lets keys rotate without downtime. Only Development ships sample values.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";

    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    public IList<string> SigningKeys { get; } = [];

    /// <summary>Lifetime of tokens from the Development issuer.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Tolerated clock difference between the issuer and this host.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);
}
