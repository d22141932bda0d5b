using System.Diagnostics;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Maintenance;

/// <summary>
/// The sweeper: every open case must have a running workflow, its clock. One whose workflow is missing, failed (an
/// outage longer than the activities' retries) or terminated is restarted from the stored case, with the ladder its
/// workflow began with; slips already issued keep their ids, so the ladder goes on where it stopped. Runs on a timer:
/// a timer function in the Functions app, a background loop in the standalone host.
/// </summary>
/// <remarks>
/// The task hub is asked once per day of cases (one paged query of the running workflows whose instance ids share the
/// day's prefix), not once per open case: a pass costs a few pages per day instead of a round trip per open case, and
/// on Azurite, where every instance lookup scans the instance table, it no longer grows with the square of the open
/// cases. Only a case whose workflow was not running in its day's answer is looked at alone, and then restarted.
/// </remarks>
public sealed partial class ResumeStrandedWorkflows(CaseStore cases, CaseWorkflowClient workflows, ILogger<ResumeStrandedWorkflows> logger)
{
    /// <summary>Every 10 minutes in the Functions app; the standalone host reads <see cref="CaseWorkflowOptions.SweepInterval"/>.</summary>
    public const string Schedule = "0 */10 * * * *";

    /// <summary>The most rows Azure Tables answers in one response: the fewest round trips per day of cases.</summary>
    private const int StatusPageSize = 1000;

    /// <summary>How many workflows were restarted.</summary>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var started = Stopwatch.GetTimestamp();
        var open = 0;
        var queries = 0;
        var alone = 0;
        var resumed = 0;
        string? day = null;
        var running = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var caseId in cases.ListOpenCaseIdsAsync(cancellationToken))
        {
            open++;
            if (DayPrefix(caseId) != day)
            {
                day = DayPrefix(caseId);
                running = await RunningWorkflowsAsync(durable, day, cancellationToken);
                queries++;
            }

            if (running.Contains(CaseWorkflowNames.InstanceId(caseId)))
            {
                continue;
            }

            // Not running when its day was read, or started since: the single lookup before a restart tells which.
            alone++;
            if (await workflows.RestartIfEndedAsync(durable, caseId, cancellationToken))
            {
                resumed++;
                HubMetrics.WorkflowResumed();
                LogResumed(logger, caseId);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LogSwept(logger, open, queries, alone, resumed, elapsed);
        return resumed;
    }

    /// <summary>
    /// What a day's case ids share: ids are numbered per day (<c>LYG-yyyyMMdd-nnnnnn</c>), so the text up to the last
    /// '-' groups them; the open-case scan lists ids in order, so each day is queried once.
    /// </summary>
    internal static string DayPrefix(string caseId) => caseId[..(caseId.LastIndexOf('-') + 1)];

    private static async Task<HashSet<string>> RunningWorkflowsAsync(DurableTaskClient durable, string caseIdPrefix, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = CaseWorkflowNames.InstanceId(caseIdPrefix),
            Statuses = CaseWorkflowClient.Supervising,
            PageSize = StatusPageSize,
            FetchInputsAndOutputs = false,
        };
        var running = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            running.Add(instance.InstanceId);
        }

        return running;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} was open without a running workflow; its workflow was restarted")]
    private static partial void LogResumed(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Open} open cases checked with {Queries} task hub queries and {Alone} single lookups, {Resumed} workflows restarted, in {Elapsed}")]
    private static partial void LogSwept(ILogger logger, int open, int queries, int alone, int resumed, TimeSpan elapsed);
}
