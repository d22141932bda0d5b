using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Auth;

public static class MachineClientsServiceCollectionExtensions
{
    /// <summary>The machine-client registry, checked at start, and the two ways machines authenticate: signature and api_key.</summary>
    public static IServiceCollection AddMachineClients(this IServiceCollection services, IConfiguration configuration)
    {
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
        return services;
    }
}
