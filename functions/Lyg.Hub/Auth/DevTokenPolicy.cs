using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lyg.Hub.Auth;

/// <summary>
/// Whether the standalone host issues local tokens (POST dev/tokens): only when <c>Auth:DevTokens:Enabled</c> says
/// so, only in Development, and only over the documented sample key. Anything else with the setting on stops the host
/// at start, because a token anyone can mint must never be valid against a real key.
/// </summary>
public static class DevTokenPolicy
{
    public const string EnabledSetting = "Auth:DevTokens:Enabled";

    /// <summary>The Development sample key of appsettings.Development.json; documented, so worthless as a secret.</summary>
    public const string SampleSigningKey = "ZGV2ZWxvcG1lbnQtb25seS1zaWduaW5nLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24=";

    /// <exception cref="InvalidOperationException">The setting is on outside Development or beside a key that is not the sample.</exception>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!configuration.GetValue<bool>(EnabledSetting))
        {
            return false;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{EnabledSetting} is on in the {environment.EnvironmentName} environment; local tokens are issued only in Development. Turn it off.");
        }

        var keys = configuration.GetSection(JwtOptions.Section).GetSection(nameof(JwtOptions.SigningKeys)).GetChildren().Select(k => k.Value).ToList();
        if (keys.Any(k => k != SampleSigningKey))
        {
            throw new InvalidOperationException(
                $"{EnabledSetting} is on with a signing key that is not the Development sample key: local tokens would be valid against it. Turn it off, or use only the sample key.");
        }

        return true;
    }
}
