using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class HubServiceCollectionExtensions
{
    /// <summary>Everything both hosts share: storage adapters, authentication, workflow client and the feature handlers.</summary>
    public static IServiceCollection AddLygHub(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = StorageAccount.FromConfiguration(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<ICaseWorkflowStore>(sp => sp.GetRequiredService<CaseStore>());
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<CaseNumberAllocator>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section));
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DevTokenIssuer>();

        services.AddOptions<CaseWorkflowOptions>().Bind(configuration.GetSection(CaseWorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseWorkflowClient>();

        services.AddSingleton<ICaseAction, RegisterCase>();
        services.AddSingleton<ICaseAction, VoidCase>();
        services.AddSingleton<ApplyCaseAction>();
        services.AddSingleton<SubmitReport>();
        services.AddSingleton<GetCase>();
        services.AddSingleton<CheckHealth>();
        services.AddSingleton<IssueDevToken>();

        services.AddOptions<PurgeWorkflowHistory.Settings>().Bind(configuration.GetSection(PurgeWorkflowHistory.Settings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PurgeWorkflowHistory>();

        // Activities are resolved from DI by the Functions wrappers; the standalone worker builds them the same way.
        foreach (var activity in CaseWorkflowTasks.Activities)
        {
            services.AddTransient(activity);
        }
        return services;
    }
}
