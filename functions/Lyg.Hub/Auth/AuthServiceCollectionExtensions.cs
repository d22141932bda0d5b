using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// The gate in front of every endpoint and what it authenticates with: people's tokens, the machine-client registry
    /// (signatures with their nonces, Open311 api keys); the Development token issuer.
    /// </summary>
    public static IServiceCollection AddApiGate(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidation>();
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<CallerAuthenticator>();

        // Keyed by client id, the section binds as a dictionary rather than onto the options' properties.
        services.AddOptions<MachineClientsOptions>()
            .Configure(options => configuration.GetSection(MachineClientsOptions.Section).Bind(options.Clients))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MachineClientsOptions>, MachineClientsValidation>();
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MachineClients>();
        services.AddSingleton<NonceStore>();
        services.AddSingleton<SignedRequestAuthenticator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<IssueDevToken>();
        return services;
    }
}
