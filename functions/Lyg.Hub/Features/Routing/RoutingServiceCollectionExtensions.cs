using Lyg.Hub.Features.Routing;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>The code catalogue and the routing table that suggests each case's responsible unit.</summary>
    public static IServiceCollection AddCaseRouting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(CodeCatalog.Default);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => LoadRoutingRules(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RulesFile));
        services.AddSingleton<CurrentRouting>();
        services.AddHostedService<RoutingRefresher>();
        services.AddSingleton<CaseRouting>();
        return services;
    }

    /// <summary>The configured routing table, or the built-in sample.</summary>
    private static RoutingRules LoadRoutingRules(string? file) =>
        string.IsNullOrWhiteSpace(file)
            ? RoutingRules.LoadDefault()
            : RoutingRules.FromData(ConfiguredFile.Read(file, RoutingDataJsonContext.Default.RoutingRuleData));
}
