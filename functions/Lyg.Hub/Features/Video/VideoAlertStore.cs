using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Video;

/// <summary>A de-duplication window: the first alert of a camera and event kind in it, what that alert became, and how many alerts it counts.</summary>
public sealed record VideoWindow(
    string CameraId,
    string EventKind,
    DateTimeOffset Start,
    string FirstAlertId,
    string AttachmentId,
    double Confidence,
    DateTimeOffset ObservedAt,
    int Count,
    VideoAlertOutcome? Outcome,
    string? CaseId,
    string? TaskId);

/// <summary>
/// The VideoAlerts table: per client and alert id the row of an alert taken (what it became, written last, so an
/// alert whose effects failed half-way is taken again on its retry), and per camera, event kind and window start the
/// window row, added by the first alert of the window (so of two racing first alerts one wins and the other joins).
/// </summary>
public sealed class VideoAlertStore(TableServiceClient tables)
{
    private const string AlertRow = "alert";

    private readonly TableClient _table = tables.GetTableClient(TableNames.VideoAlerts);

    /// <summary>What the alert became when it was taken, or null when it has not been.</summary>
    public async Task<VideoAlertTaken?> FindAlertAsync(string clientId, string alertId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<AlertEntity>(AlertPartition(clientId, alertId), AlertRow, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row
            ? new VideoAlertTaken(alertId, Enum.Parse<VideoAlertOutcome>(row.Outcome), Replayed: true, row.WindowStart, row.WindowCount, row.CaseId, row.TaskId, row.AdvertisementId)
            : null;
    }

    /// <summary>Records the alert as taken; false when it had been (a racing replay), and then the first record stands.</summary>
    public async Task<bool> RecordAlertAsync(string clientId, VideoAlertTaken taken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        try
        {
            await _table.AddEntityAsync(
                new AlertEntity
                {
                    PartitionKey = AlertPartition(clientId, taken.AlertId),
                    RowKey = AlertRow,
                    Outcome = taken.Outcome.ToString(),
                    WindowStart = taken.WindowStart,
                    WindowCount = taken.WindowCount,
                    CaseId = taken.CaseId,
                    TaskId = taken.TaskId,
                    AdvertisementId = taken.AdvertisementId,
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The window the alert falls in, added with this alert as its first when there was none.</summary>
    public async Task<VideoWindow> OpenWindowAsync(VideoAlert alert, DateTimeOffset start, string attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var row = new WindowEntity
        {
            PartitionKey = WindowPartition(alert.CameraId, alert.EventKind),
            RowKey = WindowRowKey(start),
            FirstAlertId = alert.AlertId,
            AttachmentId = attachmentId,
            Confidence = alert.Confidence,
            ObservedAt = alert.ObservedAt,
            Count = 1,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return FromRow(row, alert.CameraId, alert.EventKind, start);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await FindWindowAsync(alert.CameraId, alert.EventKind, start, cancellationToken))!;
        }
    }

    public async Task<VideoWindow?> FindWindowAsync(string cameraId, string eventKind, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<WindowEntity>(WindowPartition(cameraId, eventKind), WindowRowKey(start), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? FromRow(row, cameraId, eventKind, start) : null;
    }

    /// <summary>Counts one more alert into the window (under its ETag, again on a race); returns the window as counted.</summary>
    public async Task<VideoWindow> CountAsync(VideoWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        while (true)
        {
            var found = await _table.GetEntityAsync<WindowEntity>(WindowPartition(window.CameraId, window.EventKind), WindowRowKey(window.Start), cancellationToken: cancellationToken);
            var row = found.Value;
            row.Count++;
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return FromRow(row, window.CameraId, window.EventKind, window.Start);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Another alert of the window was counted meanwhile: read it again.
            }
        }
    }

    /// <summary>Records what the window's first alert became (merged, so the count is left as it is).</summary>
    public async Task<VideoWindow> CompleteWindowAsync(VideoWindow window, VideoAlertOutcome outcome, string? caseId, string? taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var entity = new TableEntity(WindowPartition(window.CameraId, window.EventKind), WindowRowKey(window.Start))
        {
            [nameof(WindowEntity.Outcome)] = outcome.ToString(),
            [nameof(WindowEntity.CaseId)] = caseId,
            [nameof(WindowEntity.TaskId)] = taskId,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return (await FindWindowAsync(window.CameraId, window.EventKind, window.Start, cancellationToken))!;
    }

    private static string AlertPartition(string clientId, string alertId) => $"a|{clientId}|{alertId}";

    private static string WindowPartition(string cameraId, string eventKind) => $"w|{cameraId}|{eventKind}";

    private static string WindowRowKey(DateTimeOffset start) => start.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private static VideoWindow FromRow(WindowEntity row, string cameraId, string eventKind, DateTimeOffset start) => new(
        cameraId,
        eventKind,
        start,
        row.FirstAlertId,
        row.AttachmentId,
        row.Confidence,
        row.ObservedAt,
        row.Count,
        row.Outcome is { Length: > 0 } outcome ? Enum.Parse<VideoAlertOutcome>(outcome) : null,
        row.CaseId,
        row.TaskId);

    private sealed class AlertEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Outcome { get; set; } = "";

        public DateTimeOffset? WindowStart { get; set; }

        public int? WindowCount { get; set; }

        public string? CaseId { get; set; }

        public string? TaskId { get; set; }

        public string? AdvertisementId { get; set; }
    }

    private sealed class WindowEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string FirstAlertId { get; set; } = "";

        public string AttachmentId { get; set; } = "";

        public double Confidence { get; set; }

        public DateTimeOffset ObservedAt { get; set; }

        public int Count { get; set; }

        public string? Outcome { get; set; }

        public string? CaseId { get; set; }

        public string? TaskId { get; set; }
    }
}
