using System.Security.Cryptography;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Support;

/// <summary>Token settings for tests: random keys, a fixed issuer and audience.</summary>
public static class TestJwt
{
    public const string Issuer = "https://lyg-serverless.test/issuer";
    public const string Audience = "lyg-hub-tests";

    public static string NewKey(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static JwtOptions Options(params string[] signingKeys) => Options(Issuer, Audience, signingKeys);

    public static JwtOptions Options(string issuer, string audience, params string[] signingKeys)
    {
        ArgumentNullException.ThrowIfNull(signingKeys);
        var options = new JwtOptions { Issuer = issuer, Audience = audience };
        foreach (var key in signingKeys)
        {
            options.SigningKeys.Add(key);
        }

        return options;
    }

    public static TokenKeys Keys(JwtOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));

    public static TokenKeys Keys(params string[] signingKeys) => Keys(Options(signingKeys));

    /// <summary>The gate every endpoint passes, over these keys.</summary>
    public static ApiGate Gate(TokenKeys keys, ApiOptions? api = null, ILogger<ApiGate>? logger = null) =>
        TestMachines.Gate(TestMachines.Registry(), TestMachines.UnreachedTables, TimeProvider.System, keys: keys, api: api, logger: logger);
}
