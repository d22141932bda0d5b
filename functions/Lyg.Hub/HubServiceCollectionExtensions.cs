using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Features.Routing;
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
        services.AddHostedService<RuleTablesLoader>();
        services.AddSingleton(storage);
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<ICaseWorkflowStore>(sp => sp.GetRequiredService<CaseStore>());
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<CaseNumberAllocator>();

        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidation>();
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddMachineClients(configuration);
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DevTokenIssuer>();

        services.AddOptions<CaseWorkflowOptions>().Bind(configuration.GetSection(CaseWorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseWorkflowClient>();
        services.AddOptions<CalendarOptions>().Bind(configuration.GetSection(CalendarOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => LoadCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.File));
        // Until the refresher has read the loaded years, the configured calendar is in force.
        services.AddSingleton(sp => new CalendarInForce(WorkingCalendar.FromData(sp.GetRequiredService<ConfiguredCalendar>().Data)));
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<CalendarRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarRefresher>());
        services.AddSingleton<ReplanStages>();
        services.AddSingleton<PutCalendarYear>();
        services.AddSingleton<GetCalendarYear>();
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
        services.AddPlaces(configuration);
        services.AddSingleton<LocatePoint>();

        services.AddSingleton(CodeCatalog.Default);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => LoadRoutingRules(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RulesFile));
        services.AddSingleton<CurrentRouting>();
        services.AddHostedService<RoutingRefresher>();
        services.AddSingleton<CaseRouting>();
        services.AddSingleton<ListCodes>();
        services.AddComponents();

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
        services.AddSingleton<ResumeStrandedWorkflows>();
        services.AddSingleton<DailyMaintenance>();

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

    /// <summary>The configured time-limit table, or the built-in one; a malformed file stops the host at start.</summary>
    private static TimeLimitRules LoadRules(string? file) =>
        string.IsNullOrWhiteSpace(file)
            ? TimeLimitRules.LoadDefault()
            : TimeLimitRules.FromData(ReadConfiguredFile(file, TimeDataJsonContext.Default.TimeLimitRuleData));

    /// <summary>The built-in calendar with the configured file's working hours and years over it; a malformed file stops the host at start.</summary>
    private static ConfiguredCalendar LoadCalendar(string? file) =>
        ConfiguredCalendar.From(
            WorkingCalendar.BuiltInData,
            string.IsNullOrWhiteSpace(file) ? null : ReadConfiguredFile(file, TimeDataJsonContext.Default.CalendarData));

    /// <summary>The configured routing table, or the built-in sample; a malformed file stops the host at start.</summary>
    private static RoutingRules LoadRoutingRules(string? file) =>
        string.IsNullOrWhiteSpace(file)
            ? RoutingRules.LoadDefault()
            : RoutingRules.FromData(ReadConfiguredFile(file, RoutingDataJsonContext.Default.RoutingRuleData));

    private static T ReadConfiguredFile<T>(string file, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllText(file), type) ?? throw new InvalidOperationException($"{file} holds no data.");
}
