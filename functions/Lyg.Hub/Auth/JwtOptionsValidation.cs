using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

/// <summary>
/// Checks <see cref="JwtOptions"/> when the host starts (registered with ValidateOnStart), so a host without issuer,
/// audience or usable keys refuses to start instead of failing its first authenticated request.
/// </summary>
public sealed class JwtOptionsValidation : IValidateOptions<JwtOptions>
{
    public const int MinimumKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of the settings, each naming its setting; empty when they are usable.</summary>
    public static List<string> Problems(JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            problems.Add($"{JwtOptions.Section}:Issuer is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            problems.Add($"{JwtOptions.Section}:Audience is required.");
        }

        if (options.SigningKeys.Count == 0)
        {
            problems.Add($"{JwtOptions.Section}:SigningKeys needs at least one base64 key of {MinimumKeyBytes} bytes or more.");
        }

        for (var index = 0; index < options.SigningKeys.Count; index++)
        {
            var bytes = Decode(options.SigningKeys[index]);
            if (bytes is null)
            {
                problems.Add($"{JwtOptions.Section}:SigningKeys:{index} is not base64.");
            }
            else if (bytes.Length < MinimumKeyBytes)
            {
                problems.Add($"{JwtOptions.Section}:SigningKeys:{index} has {bytes.Length} bytes; HMAC-SHA256 needs at least {MinimumKeyBytes}.");
            }
        }

        if (options.DevTokenLifetime <= TimeSpan.Zero || options.DevTokenLifetime > TimeSpan.FromDays(1))
        {
            problems.Add($"{JwtOptions.Section}:DevTokenLifetime must be more than zero and at most a day.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{JwtOptions.Section}:ClockSkew must be from zero to 10 minutes.");
        }

        return problems;
    }

    /// <summary>The key's bytes, or null when it is not base64.</summary>
    public static byte[]? Decode(string secret)
    {
        var buffer = new byte[(secret?.Length ?? 0) * 3 / 4 + 3];
        return Convert.TryFromBase64String(secret ?? "", buffer, out var written) ? buffer[..written] : null;
    }
}
