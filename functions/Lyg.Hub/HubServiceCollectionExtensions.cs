using System.Text.Json;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Routing;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Options;
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
        services.AddSingleton(WorkingCalendar.LoadDefault());
        services.AddSingleton(sp => LoadRules(sp.GetRequiredService<IOptions<CaseWorkflowOptions>>().Value.TimeLimitRulesFile));
        services.AddSingleton<StageClocks>();

        services.AddSingleton<UnitStore>();
        if (configuration.GetValue<bool>(UnitSeeder.SeedSampleSetting))
        {
            services.AddHostedService<UnitSeeder>();
        }
        services.AddSingleton<ListUnits>();
        services.AddSingleton<GetUnit>();
        services.AddSingleton<UpsertUnit>();

        // Until grids are imported, every host serves the generated (synthetic) sample city.
        services.AddSingleton(_ => new CurrentPlaces(SampleCity.Generate().ToMap()));
        services.AddSingleton<LocatePoint>();

        services.AddSingleton(CodeCatalog.Default);
        services.AddSingleton(RoutingRules.LoadDefault());
        services.AddSingleton<CaseRouting>();
        services.AddSingleton<ListCodes>();

        foreach (var action in CaseActions)
        {
            services.AddSingleton(typeof(ICaseAction), action);
        }

        services.AddSingleton<AcknowledgeSlip>();
        services.AddSingleton<ApplyCaseAction>();
        services.AddSingleton<SubmitReport>();
        services.AddSingleton<CaseViews>();
        services.AddSingleton<GetCase>();
        services.AddSingleton<ListCases>();
        services.AddSingleton<ListSlips>();
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

    private static readonly Type[] CaseActions =
    [
        typeof(RegisterCase), typeof(VoidCase), typeof(DispatchCase), typeof(AcceptCase), typeof(ReturnCase),
        typeof(CompleteCase), typeof(CheckCase), typeof(RequestPostponement), typeof(DecidePostponement),
        typeof(RequestSuspension), typeof(DecideSuspension), typeof(ResumeCase), typeof(RateCase),
    ];

    /// <summary>The configured rule table, or the built-in one; a malformed file stops the host at start.</summary>
    private static TimeLimitRules LoadRules(string? file) =>
        string.IsNullOrWhiteSpace(file)
            ? TimeLimitRules.LoadDefault()
            : TimeLimitRules.FromData(JsonSerializer.Deserialize(File.ReadAllText(file), TimeDataJsonContext.Default.TimeLimitRuleData)
                ?? throw new InvalidOperationException($"{file} holds no time-limit rules."));
}
