using Lyg.Hub.Features.Notifications;
using Lyg.Hub.Features.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>The outbox: destinations from <c>Outbox</c>, the case-event and reporter-notice producers, the store, the sender and the dispatcher.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidation>();
        services.AddSingleton<OutboxDestinations>();
        services.AddSingleton<ICaseMessageProducer, CaseEvents>();
        services.AddOptions<ReporterNoticesOptions>().Bind(configuration.GetSection(ReporterNoticesOptions.Section));
        services.AddSingleton<ICaseMessageProducer, ReporterNotices>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<CaseOutbox>();
        // Redirects are not followed: a destination that moved is a configuration to fix, not a POST to replay elsewhere.
        services.AddHttpClient(OutboxSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<OutboxDispatcher>();
        return services;
    }
}
