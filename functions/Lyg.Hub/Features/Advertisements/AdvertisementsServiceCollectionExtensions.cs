using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Codes;
using Lyg.Contracts;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class AdvertisementsServiceCollectionExtensions
{
    /// <summary>The advertisement registry (智慧广告), its permit job, and the sample advertisements where configuration asks for them.</summary>
    public static IServiceCollection AddAdvertisements(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AdvertisementOptions>()
            .Bind(configuration.GetSection(AdvertisementOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.YellowDaysBefore < o.BlueDaysBefore, "Advertisements:YellowDaysBefore must be fewer days than Advertisements:BlueDaysBefore.")
            .Validate<CodeCatalog>(
                (o, codes) => CategoryCode.Check(o.ExpiredCategoryCode, CodeKind.Event, codes) is null,
                "Advertisements:ExpiredCategoryCode must be an event of the code catalogue.")
            .ValidateOnStart();
        services.AddSingleton<AdvertisementStore>();

        services.AddSingleton<AdvertisementPermitAlerts>();
        if (configuration.GetValue<bool>(AdvertisementOptions.SeedSampleSetting))
        {
            services.AddHostedService<AdvertisementSeeder>();
        }

        return services;
    }
}
