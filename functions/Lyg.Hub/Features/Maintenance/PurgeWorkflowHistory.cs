using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Maintenance;

/// <summary>
/// Purges the durable history of finished workflows older than the retention. The case itself (state, timeline,
/// slips) lives in Tables, so the history is only needed while a workflow runs; purging keeps the task hub small.
/// A step of the <see cref="DailyMaintenance"/>.
/// </summary>
public sealed partial class PurgeWorkflowHistory(IOptions<PurgeWorkflowHistory.Settings> settings, TimeProvider clock, ILogger<PurgeWorkflowHistory> logger)
{
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var cutoff = clock.GetUtcNow() - settings.Value.Retention;
        var filter = new PurgeInstancesFilter(
            CreatedFrom: DateTimeOffset.UnixEpoch,
            CreatedTo: cutoff,
            Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        var result = await durable.PurgeAllInstancesAsync(filter, cancellationToken);
        LogPurged(logger, result.PurgedInstanceCount, cutoff);
        return result.PurgedInstanceCount;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the history of {Count} finished workflows created before {Cutoff:o}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);

    /// <summary>Section <c>Maintenance</c>.</summary>
    public sealed class Settings
    {
        public const string Section = "Maintenance";

        [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
        public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
    }
}
