using Lyg.Hub.Features.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>The alert desk every monitoring source sends its conditions to, and the store of alerts.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertDesk>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertDesk>());
        return services;
    }
}
