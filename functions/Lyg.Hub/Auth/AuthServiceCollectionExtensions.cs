using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Dev;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The gate in front of every endpoint and what it authenticates with; the Development token issuer.</summary>
    public static IServiceCollection AddApiGate(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidation>();
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DevTokenIssuer>();
        services.AddSingleton<IssueDevToken>();
        return services;
    }
}
