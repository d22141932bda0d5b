using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Video;
using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class VideoServiceCollectionExtensions
{
    /// <summary>Video analytics: its settings (event kinds checked against the code catalogue at start), the camera registry, alerts and windows, the use case both channels share.</summary>
    public static IServiceCollection AddVideo(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VideoOptions>()
            .Bind(configuration.GetSection(VideoOptions.Section))
            .ValidateDataAnnotations()
            .Validate<CodeCatalog>(
                (o, codes) => o.EventKinds.Count > 0 && o.EventKinds.All(k => k.Key.Length is > 0 and <= 64 && k.Value.Name.Length > 0 && CategoryCode.Check(k.Value.CategoryCode, CodeKind.Event, codes) is null),
                "Video:EventKinds: each kind needs a Name and a CategoryCode that is an event of the code catalogue.")
            .ValidateOnStart();
        services.AddSingleton<CameraStore>();
        services.AddSingleton<VideoAlertStore>();
        services.AddSingleton<TakeVideoAlerts>();
        services.AddSingleton<VideoAlertBatchHandler>();
        if (configuration.GetValue<bool>(VideoOptions.SeedSampleSetting))
        {
            services.AddHostedService<CameraSeeder>();
        }

        return services;
    }
}
