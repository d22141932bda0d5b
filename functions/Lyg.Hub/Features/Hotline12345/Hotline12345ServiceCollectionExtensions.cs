using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class Hotline12345ServiceCollectionExtensions
{
    /// <summary>The 12345 channel: its settings, the personal-data key, the category table, the order store and the feedback producer.</summary>
    public static IServiceCollection AddHotline12345(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HotlineOptions>().Bind(configuration.GetSection(HotlineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HotlineOptions>, HotlineOptionsValidation>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<HotlineCategoryMap>();
        services.AddSingleton<HotlineOrderStore>();
        services.AddSingleton<HotlineCallers>();
        services.AddSingleton<TakeWorkOrder>();
        services.AddSingleton<ICaseMessageProducer, HotlineFeedbackProducer>();
        return services;
    }
}
