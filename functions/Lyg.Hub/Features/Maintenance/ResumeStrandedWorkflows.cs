using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Maintenance;

/// <summary>
/// The sweeper: every open case must have a running workflow, its clock. One whose workflow is missing, failed (an
/// outage longer than the activities' retries) or terminated is restarted from the stored case, with the ladder its
/// workflow began with; slips already issued keep their ids, so the ladder goes on where it stopped. Runs on a timer:
/// a timer function in the Functions app, a background loop in the standalone host.
/// </summary>
public sealed partial class ResumeStrandedWorkflows(CaseStore cases, CaseWorkflowClient workflows, ILogger<ResumeStrandedWorkflows> logger)
{
    /// <summary>Every 10 minutes in the Functions app; the standalone host reads <see cref="CaseWorkflowOptions.SweepInterval"/>.</summary>
    public const string Schedule = "0 */10 * * * *";

    /// <summary>How many workflows were restarted.</summary>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var resumed = 0;
        await foreach (var caseId in cases.ListOpenCaseIdsAsync(cancellationToken))
        {
            if (await workflows.RestartIfEndedAsync(durable, caseId, cancellationToken))
            {
                resumed++;
                HubMetrics.WorkflowResumed();
                LogResumed(logger, caseId);
            }
        }

        return resumed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} was open without a running workflow; its workflow was restarted")]
    private static partial void LogResumed(ILogger logger, string caseId);
}
