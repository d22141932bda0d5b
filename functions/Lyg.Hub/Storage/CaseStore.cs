using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Storage;

/// <summary>
/// Cases in Azure Tables, one partition per case. The case row's ETag serialises every transition, so of two racing
/// actions exactly one is applied; the timeline row (and the action's idempotency row) commit in the same transaction.
/// </summary>
public sealed class CaseStore(TableServiceClient tables) : ICaseWorkflowStore
{
    private const int MaxOptimisticAttempts = 5;
    private const string ReportAction = "report";

    private readonly TableClient _cases = tables.GetTableClient(TableNames.Cases);

    /// <summary>Creates the case and its first timeline entry; false if the case already existed (a retried intake).</summary>
    public async Task<bool> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        var caseRow = new CaseRow
        {
            PartitionKey = newCase.CaseId,
            State = CaseState.Reported.ToString(),
            Source = newCase.Source.ToString(),
            Description = newCase.Description,
            CategoryCode = newCase.CategoryCode,
            Latitude = newCase.Latitude,
            Longitude = newCase.Longitude,
            Crs = newCase.Crs.ToString(),
            Address = newCase.Address,
            AttachmentIds = JsonSerializer.Serialize(newCase.AttachmentIds),
            ReporterSubject = newCase.ReporterSubject,
            ReporterRole = newCase.ReporterRole,
            ReportedAt = newCase.ReportedAt,
            UpdatedAt = newCase.ReportedAt,
            TimelineCount = 1,
        };
        var reported = new TimelineRow
        {
            PartitionKey = newCase.CaseId,
            RowKey = CaseRowKeys.Timeline(1),
            Sequence = 1,
            Action = ReportAction,
            ToState = CaseState.Reported.ToString(),
            Actor = newCase.ReporterSubject,
            Role = newCase.ReporterRole,
            At = newCase.ReportedAt,
        };

        try
        {
            await _cases.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, caseRow), new(TableTransactionActionType.Add, reported)],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredCase?> FindAsync(string caseId, CancellationToken cancellationToken)
    {
        var found = await _cases.GetEntityIfExistsAsync<CaseRow>(caseId, CaseRowKeys.Case, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        var timeline = new List<TimelineEntry>();
        await foreach (var t in _cases.QueryAsync<TimelineRow>(RowsWithPrefix(caseId, CaseRowKeys.TimelinePrefix), cancellationToken: cancellationToken))
        {
            timeline.Add(new TimelineEntry(
                t.Sequence, t.Action, t.FromState is null ? null : Enum.Parse<CaseState>(t.FromState),
                Enum.Parse<CaseState>(t.ToState), t.Actor, t.Role, t.At, t.Reason));
        }

        var slips = new List<SlipView>();
        await foreach (var s in _cases.QueryAsync<SlipRow>(RowsWithPrefix(caseId, CaseRowKeys.SlipPrefix), cancellationToken: cancellationToken))
        {
            slips.Add(new SlipView(s.SlipId, s.Number, Enum.Parse<SlipKind>(s.Kind), s.Stage, s.IssuedAt, s.Deadline, s.AddressedTo));
        }

        return new StoredCase(
            row.PartitionKey,
            Enum.Parse<CaseState>(row.State),
            Enum.Parse<CaseSource>(row.Source),
            row.Description,
            row.CategoryCode,
            row.Urgency is null ? null : Enum.Parse<Urgency>(row.Urgency),
            new GeoLocation(row.Latitude, row.Longitude, Enum.Parse<CoordinateSystem>(row.Crs)),
            row.Address,
            JsonSerializer.Deserialize<string[]>(row.AttachmentIds) ?? [],
            row.ReporterSubject,
            row.ReportedAt,
            row.UpdatedAt,
            timeline,
            slips.OrderBy(s => s.IssuedAt).ThenBy(s => s.SlipId, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Applies a transition if the case is in an allowed state. With an action key, a repeat of the same request
    /// answers <see cref="TransitionOutcome.Replayed"/> and writes nothing.
    /// </summary>
    public async Task<TransitionResult> TransitionAsync(string caseId, CaseTransition transition, RequestKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        for (var attempt = 1; ; attempt++)
        {
            // The case row is read before the key row: a retry racing its original then sees either the key
            // (replayed) or the case as it was (and its own commit fails on the ETag), never an applied case without its key.
            var found = await _cases.GetEntityIfExistsAsync<CaseRow>(caseId, CaseRowKeys.Case, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is not { } row)
            {
                return new(TransitionOutcome.NotFound, null);
            }

            if (key is not null)
            {
                var previous = await _cases.GetEntityIfExistsAsync<ActionKeyRow>(caseId, CaseRowKeys.ActionKey(key.KeyHash), cancellationToken: cancellationToken);
                if (previous.HasValue && previous.Value is { } applied)
                {
                    return applied.RequestHash == key.RequestHash
                        ? new(TransitionOutcome.Replayed, Enum.Parse<CaseState>(applied.ResultState))
                        : new(TransitionOutcome.KeyReusedForDifferentRequest, null);
                }
            }

            var current = Enum.Parse<CaseState>(row.State);
            if (!transition.AllowedFrom.Contains(current))
            {
                return new(TransitionOutcome.StateConflict, current);
            }

            try
            {
                await _cases.SubmitTransactionAsync(TransitionActions(row, transition, key), cancellationToken);
                return new(TransitionOutcome.Applied, transition.To);
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 412 or 409) && attempt < MaxOptimisticAttempts)
            {
                // Someone else changed the case (or applied the same key) in between: decide again on fresh data.
            }
        }
    }

    public async Task<CaseState?> GetStateAsync(string caseId, CancellationToken cancellationToken)
    {
        var found = await _cases.GetEntityIfExistsAsync<CaseRow>(caseId, CaseRowKeys.Case, select: [nameof(CaseRow.State)], cancellationToken);
        return found.HasValue && found.Value is { } row ? Enum.Parse<CaseState>(row.State) : null;
    }

    public Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slip);
        var row = new SlipRow
        {
            PartitionKey = slip.CaseId,
            RowKey = CaseRowKeys.Slip(slip.SlipId),
            SlipId = slip.SlipId,
            Number = slip.Number,
            Kind = slip.Kind.ToString(),
            Stage = slip.Stage,
            IssuedAt = slip.IssuedAt,
            Deadline = slip.Deadline,
            AddressedTo = slip.AddressedTo,
        };
        return _cases.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    private static List<TableTransactionAction> TransitionActions(CaseRow row, CaseTransition transition, RequestKey? key)
    {
        var from = row.State;
        var sequence = row.TimelineCount + 1;
        row.State = transition.To.ToString();
        row.UpdatedAt = transition.At;
        row.TimelineCount = sequence;
        row.CategoryCode = transition.CategoryCode ?? row.CategoryCode;
        row.Urgency = transition.Urgency?.ToString() ?? row.Urgency;

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, row, row.ETag),
            new(TableTransactionActionType.Add, new TimelineRow
            {
                PartitionKey = row.PartitionKey,
                RowKey = CaseRowKeys.Timeline(sequence),
                Sequence = sequence,
                Action = transition.Action,
                FromState = from,
                ToState = transition.To.ToString(),
                Actor = transition.Actor,
                Role = transition.Role,
                At = transition.At,
                Reason = transition.Reason,
            }),
        };
        if (key is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new ActionKeyRow
            {
                PartitionKey = row.PartitionKey,
                RowKey = CaseRowKeys.ActionKey(key.KeyHash),
                RequestHash = key.RequestHash,
                ResultState = transition.To.ToString(),
            }));
        }

        return actions;
    }

    private static string RowsWithPrefix(string caseId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
