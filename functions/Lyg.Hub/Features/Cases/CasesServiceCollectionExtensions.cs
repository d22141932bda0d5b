using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub;

public static class CasesServiceCollectionExtensions
{
    private static readonly Type[] CaseActions =
    [
        typeof(RegisterCase), typeof(VoidCase), typeof(DispatchCase), typeof(AcceptCase), typeof(ReturnCase),
        typeof(CompleteCase), typeof(CheckCase), typeof(RequestPostponement), typeof(DecidePostponement),
        typeof(RequestSuspension), typeof(DecideSuspension), typeof(ResumeCase), typeof(RateCase), typeof(ReopenCase), typeof(MergeCase), typeof(RecordAlert),
        typeof(VerifyCase), typeof(RecordInspectionAssignment),
    ];

    /// <summary>
    /// The case store, numbering, the workflow client and the activities the workflow calls, and every case action.
    /// </summary>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<CaseStore>();
        services.AddSingleton<ICaseWorkflowStore>(sp => sp.GetRequiredService<CaseStore>());
        services.AddOptions<CaseNumberOptions>().Bind(configuration.GetSection(CaseNumberOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseNumberAllocator>();
        services.AddOptions<CaseWorkflowOptions>().Bind(configuration.GetSection(CaseWorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaseWorkflowClient>();

        // Activities are resolved from DI by the Functions wrappers; the standalone worker builds them the same way.
        foreach (var activity in CaseWorkflowTasks.Activities)
        {
            services.AddTransient(activity);
        }

        foreach (var action in CaseActions)
        {
            services.AddSingleton(typeof(ICaseAction), action);
        }

        services.AddSingleton<AcknowledgeSlip>();
        services.AddSingleton<CaseViews>();
        services.AddOptions<ReportQuotaOptions>().Bind(configuration.GetSection(ReportQuotaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportQuota>();
        services.AddOptions<DuplicateOptions>().Bind(configuration.GetSection(DuplicateOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DuplicateIndex>();
        services.AddSingleton<CaseIntake>();
        services.AddSingleton<CaseCommands>();
        return services;
    }
}
