using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Places;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>Everything both hosts share, area by area; each area's registration sits beside its code.</summary>
    public static IServiceCollection AddLygHub(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<RuleTablesLoader>();
        services.AddStorage(configuration);
        services.AddApiGate(configuration);
        services.AddAttachments(configuration);
        services.AddCases(configuration);
        services.AddCalendar(configuration);
        services.AddUnits(configuration);
        services.AddInspection(configuration);

        // Until grids are imported, every host serves the generated (synthetic) sample city.
        services.AddPlaces(configuration);
        services.AddCaseRouting(configuration);
        services.AddComponents();
        services.AddSensors(configuration);
        services.AddMaintenance(configuration);
        services.AddOutbox(configuration);
        services.AddOpen311(configuration);
        services.AddHotline12345(configuration);
        services.AddAlerts(configuration);
        services.AddReadings(configuration);
        services.AddStreams(configuration);
        services.AddVehicles(configuration);
        services.AddVideo(configuration);
        services.AddAdvertisements(configuration);
        services.AddApiHandlers();
        return services;
    }
}
