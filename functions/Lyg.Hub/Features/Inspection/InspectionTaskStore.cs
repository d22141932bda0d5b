using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// Inspection tasks in the InspectionTasks table: the task rows in the partition of their inspector (so an inspector's
/// list reads only their own rows), and in the partition <c>case {caseId}</c> one row per task naming who holds it (a
/// reassignment finds the previous holder, and a completion by someone else is told 403, not 404). A task's id is its
/// case, kind and stage instance — <c>LYG-20261201-000001-v01</c> — so one stage instance has at most one task of a kind.
/// </summary>
public sealed class InspectionTaskStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.InspectionTasks);

    public static string TaskIdOf(string caseId, InspectionKind kind, int stageSequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{caseId}-{(kind == InspectionKind.Verify ? 'v' : 'c')}{stageSequence:D2}");

    /// <summary>The case and kind a task id names; false for what no task id can be.</summary>
    public static bool TryParse(string? taskId, out string caseId, out InspectionKind kind)
    {
        (caseId, kind) = ("", InspectionKind.Verify);
        var dash = taskId?.LastIndexOf('-') ?? -1;
        if (dash <= 0 || taskId!.Length - dash < 4 || taskId.Length > 80 || taskId[(dash + 2)..].Any(c => !char.IsAsciiDigit(c))
            || taskId[dash + 1] is not ('v' or 'c') || !CaseRowKeys.CanBeKey(taskId))
        {
            return false;
        }

        (caseId, kind) = (taskId[..dash], taskId[dash + 1] == 'v' ? InspectionKind.Verify : InspectionKind.Check);
        return true;
    }

    public async Task<InspectionTaskRow?> FindAsync(string inspectorId, string taskId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<InspectionTaskRow>(inspectorId, taskId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Who holds the task, or null when the case has no such task.</summary>
    public async Task<string?> HolderAsync(string caseId, string taskId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TaskHolderRow>(HolderPartition(caseId), taskId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } holder ? holder.InspectorId : null;
    }

    /// <summary>
    /// Gives the task to <paramref name="task"/>'s inspector: the holder row first (the truth a completion is judged by),
    /// then the task row; a previous holder's row is cancelled. Each step is idempotent, so a retried assignment repairs
    /// one that failed half-way; a task already given to the same inspector keeps its first assignment time.
    /// </summary>
    public async Task<InspectionTaskRow> AssignAsync(InspectionTaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var previous = await HolderAsync(task.CaseId, task.RowKey, cancellationToken);
        await _table.UpsertEntityAsync(
            new TaskHolderRow { PartitionKey = HolderPartition(task.CaseId), RowKey = task.RowKey, InspectorId = task.PartitionKey },
            TableUpdateMode.Replace,
            cancellationToken);
        if (previous is not null && previous != task.PartitionKey && await FindAsync(previous, task.RowKey, cancellationToken) is { State: nameof(InspectionTaskState.Open) } old)
        {
            await CancelAsync(old, now, cancellationToken);
        }

        try
        {
            await _table.AddEntityAsync(task, cancellationToken);
            return task;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await FindAsync(task.PartitionKey, task.RowKey, cancellationToken))!;
            if (existing.State == nameof(InspectionTaskState.Cancelled))
            {
                // Taken away earlier and given back: open again, as assigned now.
                await _table.UpdateEntityAsync(task, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return task;
            }

            return existing;
        }
    }

    /// <summary>The inspector's open tasks and those ended since <paramref name="endedSince"/>.</summary>
    public async Task<IReadOnlyList<InspectionTaskRow>> ListAsync(string inspectorId, DateTimeOffset endedSince, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {inspectorId} and (State eq {nameof(InspectionTaskState.Open)} or EndedAt ge {endedSince})");
        var rows = new List<InspectionTaskRow>();
        await foreach (var row in _table.QueryAsync<InspectionTaskRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Ends an open task because its case left the task's stage by another path; false if it had ended meanwhile.</summary>
    public Task<bool> CancelAsync(InspectionTaskRow task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.State = nameof(InspectionTaskState.Cancelled);
        task.EndedAt = now;
        return TryReplaceAsync(task, cancellationToken);
    }

    /// <summary>Notes the completion about to be applied to the case, so its retry is known; false if the task changed meanwhile.</summary>
    public Task<bool> BeginCompletionAsync(InspectionTaskRow task, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.CompletingHash = requestHash;
        return TryReplaceAsync(task, cancellationToken);
    }

    /// <summary>Records the completion on an open task; false if it had ended meanwhile (a racing completion won).</summary>
    public Task<bool> CompleteAsync(
        InspectionTaskRow task, InspectionOutcome outcome, string? remarks, IReadOnlyList<string> attachmentIds, string requestHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.State = nameof(InspectionTaskState.Completed);
        task.EndedAt = now;
        task.Outcome = outcome.ToString();
        task.Remarks = remarks;
        task.AttachmentIds = attachmentIds.Count == 0 ? null : JsonSerializer.Serialize(attachmentIds);
        task.CompletionHash = requestHash;
        return TryReplaceAsync(task, cancellationToken);
    }

    private async Task<bool> TryReplaceAsync(InspectionTaskRow task, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(task, task.ETag, TableUpdateMode.Replace, cancellationToken);
            task.ETag = response.Headers.ETag ?? task.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static string HolderPartition(string caseId) => "case " + caseId;

    private sealed class TaskHolderRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string InspectorId { get; set; } = "";
    }
}

/// <summary>A task row: partition the inspector, row key the task id; what the case was like when it was assigned, for the list.</summary>
public sealed class InspectionTaskRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CaseId { get; set; } = "";

    public string Kind { get; set; } = "";

    /// <summary>The case's stage instance (<c>StageClock.Sequence</c>) the task lies in; it ends when the case leaves it.</summary>
    public int StageSequence { get; set; }

    public string State { get; set; } = nameof(InspectionTaskState.Open);

    public DateTimeOffset AssignedAt { get; set; }

    public string AssignedBy { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    /// <summary>When it was completed or cancelled.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public string? Outcome { get; set; }

    public string? Remarks { get; set; }

    public string? AttachmentIds { get; set; }

    /// <summary>The hash of the completion request, so a replay is answered the same and a different one refused.</summary>
    public string? CompletionHash { get; set; }

    /// <summary>The hash of the completion last sent on to the case, until the task records it.</summary>
    public string? CompletingHash { get; set; }

    public string Description { get; set; } = "";

    public string? CategoryCode { get; set; }

    public string? Address { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public InspectionKind KindValue => Enum.Parse<InspectionKind>(Kind);

    public InspectionTaskState StateValue => Enum.Parse<InspectionTaskState>(State);

    /// <summary>Times in UTC, as Tables answers them, so a task answers the same before and after it is stored.</summary>
    public InspectionTaskView ToView(DateTimeOffset now, double? distanceMetres = null) => new(
        RowKey,
        KindValue,
        CaseId,
        StateValue,
        AssignedAt.ToUniversalTime(),
        DueAt.ToUniversalTime(),
        StateValue == InspectionTaskState.Open ? now > DueAt : EndedAt > DueAt,
        Description,
        CategoryCode,
        Address,
        new GeoLocation(Latitude, Longitude, CoordinateSystem.Wgs84),
        distanceMetres,
        EndedAt?.ToUniversalTime(),
        Outcome is null ? null : Enum.Parse<InspectionOutcome>(Outcome),
        Remarks,
        AttachmentIds is null ? null : JsonSerializer.Deserialize<string[]>(AttachmentIds));
}
