using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Maintenance;

/// <summary>
/// The daily housekeeping of both hosts (a timer function in the Functions app, a background loop in the standalone
/// host): purge the history of finished workflows, then delete expired idempotency reservations, the nonces of
/// signed requests whose timestamps can no longer pass, the report counts of ended windows, the duplicate-index rows of
/// reports older than the duplicate window and the photos no report or action named within
/// <see cref="AttachmentOptions.UnboundRetention"/>. A step that fails is logged and does not stop the others; all run
/// again the next day.
/// </summary>
public sealed partial class DailyMaintenance(
    PurgeWorkflowHistory purge,
    IdempotencyStore idempotency,
    NonceStore nonces,
    ReportQuota quotas,
    DuplicateIndex duplicates,
    AttachmentStore attachments,
    IOptions<AttachmentOptions> attachmentOptions,
    TimeProvider clock,
    ILogger<DailyMaintenance> logger)
{
    /// <summary>Daily at 03:00 China Standard Time (19:00 UTC), outside working hours.</summary>
    public const string Schedule = "0 0 19 * * *";

    /// <summary>Runs every step; returns what each removed, null for a step that failed.</summary>
    public async Task<MaintenanceResult> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var purged = await StepAsync(nameof(PurgeWorkflowHistory), () => purge.RunAsync(durable, cancellationToken), cancellationToken);
        var deleted = await StepAsync("DeleteExpiredReservations", () => idempotency.DeleteExpiredAsync(cancellationToken), cancellationToken);
        var nonceCount = await StepAsync("DeleteExpiredNonces", () => nonces.DeleteExpiredAsync(cancellationToken), cancellationToken);
        var quotaCount = await StepAsync("DeleteEndedReportCounts", () => quotas.DeleteExpiredAsync(cancellationToken), cancellationToken);
        var indexCount = await StepAsync("DeleteExpiredDuplicateIndexRows", () => duplicates.DeleteExpiredAsync(cancellationToken), cancellationToken);
        var photoCount = await StepAsync(
            "DeleteUnboundPhotos", () => attachments.DeleteUnboundAsync(clock.GetUtcNow() - attachmentOptions.Value.UnboundRetention, cancellationToken), cancellationToken);
        LogRan(logger, purged, deleted, nonceCount, quotaCount, indexCount, photoCount);
        return new MaintenanceResult(purged, deleted, nonceCount, quotaCount, indexCount, photoCount);
    }

    private async Task<int?> StepAsync(string step, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, ex, step);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Daily maintenance step {Step} failed; the other steps still run, and it runs again tomorrow")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily maintenance: {Purged} workflow histories purged, {Deleted} expired idempotency reservations, {Nonces} expired nonces, {Quotas} ended report counts, {IndexRows} expired duplicate-index rows and {Photos} unbound photos deleted")]
    private static partial void LogRan(ILogger logger, int? purged, int? deleted, int? nonces, int? quotas, int? indexRows, int? photos);
}

/// <summary>What a maintenance run removed; null for a step that failed.</summary>
public sealed record MaintenanceResult(
    int? PurgedWorkflows, int? DeletedReservations, int? DeletedNonces, int? DeletedReportCounts, int? DeletedDuplicateIndexRows, int? DeletedPhotos);
