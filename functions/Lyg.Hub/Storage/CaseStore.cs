using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Features.Outbox;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Storage;

[JsonSerializable(typeof(IReadOnlyList<CaseLink>))]
[JsonSerializable(typeof(IReadOnlyList<LikelyDuplicate>))]
[JsonSerializable(typeof(IReadOnlyList<MergedCase>))]
internal sealed partial class CaseLinksJson : JsonSerializerContext;

/// <summary>
/// Cases in Azure Tables, one partition per case. The case row's ETag serialises every transition, so of two racing
/// actions exactly one is applied; the timeline row (and the action's idempotency row) commit in the same transaction,
/// and so do the outbound messages the change causes (<see cref="CaseOutbox"/>; none without one).
/// </summary>
public sealed class CaseStore(TableServiceClient tables, CaseOutbox? outbox = null) : ICaseWorkflowStore
{
    private const int MaxOptimisticAttempts = 5;
    public const string ReportAction = "report";
    private static readonly DateTimeOffset EarliestBound = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestBound = DateTimeOffset.MaxValue.AddDays(-2);

    private readonly TableClient _cases = tables.GetTableClient(TableNames.Cases);

    /// <summary>Creates the case and its first timeline entry; false if the case already existed (a retried intake).</summary>
    public async Task<bool> CreateAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        var caseRow = NewRow(newCase);
        var reported = new TimelineRow
        {
            PartitionKey = newCase.CaseId,
            RowKey = CaseRowKeys.Timeline(1),
            Sequence = 1,
            Action = ReportAction,
            ToState = newCase.State.ToString(),
            Actor = newCase.ReporterSubject,
            Role = newCase.ReporterRole,
            At = newCase.ReportedAt,
        };

        var outbound = await OutboundAsync(caseRow, ReportAction, null, newCase.ReporterRole, newCase.ReportedAt, null, null, cancellationToken);
        try
        {
            await _cases.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, caseRow), new(TableTransactionActionType.Add, reported), .. outbound],
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
        if (!CaseRowKeys.CanBeKey(caseId))
        {
            return null;
        }

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
                Enum.Parse<CaseState>(t.ToState), t.Actor, t.Role, t.At, t.Reason,
                t.AttachmentIds is null ? null : JsonSerializer.Deserialize<string[]>(t.AttachmentIds)));
        }

        var slips = new List<SlipView>();
        await foreach (var s in _cases.QueryAsync<SlipRow>(RowsWithPrefix(caseId, CaseRowKeys.SlipPrefix), cancellationToken: cancellationToken))
        {
            slips.Add(ToView(s));
        }

        return new StoredCase(
            row.PartitionKey,
            ToFacts(row),
            Enum.Parse<CaseSource>(row.Source),
            row.Description,
            new GeoLocation(row.Latitude, row.Longitude, Enum.Parse<CoordinateSystem>(row.Crs)),
            row.Address,
            JsonSerializer.Deserialize<string[]>(row.AttachmentIds) ?? [],
            row.ReportedAt,
            row.UpdatedAt,
            timeline,
            slips.OrderBy(s => s.IssuedAt).ThenBy(s => s.SlipId, StringComparer.Ordinal).ToList(),
            row.OriginalLatitude is { } lat && row.OriginalLongitude is { } lon && row.OriginalCrs is { } crs
                ? new GeoLocation(lat, lon, Enum.Parse<CoordinateSystem>(crs))
                : null,
            PlaceOf(row),
            row.ComponentId is null ? null : new CaseComponent(row.ComponentId, row.ComponentTypeCode!, row.ComponentOwner, row.ComponentMaintainer),
            row.UpstreamDeadline,
            LinksOf(row),
            row.LikelyDuplicates is null ? [] : JsonSerializer.Deserialize(row.LikelyDuplicates, CaseLinksJson.Default.IReadOnlyListLikelyDuplicate) ?? [],
            MergedCasesOf(row));
    }

    /// <summary>
    /// Applies a transition if the case is in an allowed state. With an action key, a repeat of the same request
    /// answers <see cref="TransitionOutcome.Replayed"/> and writes nothing.
    /// </summary>
    public async Task<TransitionResult> TransitionAsync(string caseId, CaseTransition transition, RequestKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (!CaseRowKeys.CanBeKey(caseId))
        {
            return new(TransitionOutcome.NotFound, null);
        }

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

            var facts = ToFacts(row);
            var decision = transition.Decide(facts);
            if (decision.Next is not { } next)
            {
                return new(decision.Refusal, facts.State, decision.Detail);
            }

            var actions = TransitionActions(row, facts, next, transition, decision.Reason ?? transition.Reason, key);
            actions.AddRange(await OutboundAsync(
                row, transition.Action, facts.State, transition.Role, transition.At, decision.Reason ?? transition.Reason, transition.Outcome, cancellationToken));
            try
            {
                await _cases.SubmitTransactionAsync(actions, cancellationToken);
                return new(TransitionOutcome.Applied, next.State);
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 412 or 409) && attempt < MaxOptimisticAttempts)
            {
                // Someone else changed the case (or applied the same key) in between: decide again on fresh data.
            }
        }
    }

    /// <summary>The case row alone (state, unit, reporter), without its timeline; null when there is no such case.</summary>
    public async Task<CaseFacts?> FindFactsAsync(string caseId, CancellationToken cancellationToken)
    {
        if (!CaseRowKeys.CanBeKey(caseId))
        {
            return null;
        }

        var found = await _cases.GetEntityIfExistsAsync<CaseRow>(caseId, CaseRowKeys.Case, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? ToFacts(row) : null;
    }

    public async Task<(CaseFacts Facts, IReadOnlySet<string> IssuedSlipIds)?> ReadClockAsync(string caseId, CancellationToken cancellationToken)
    {
        var found = await _cases.GetEntityIfExistsAsync<CaseRow>(caseId, CaseRowKeys.Case, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }

        var issued = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var slip in _cases.QueryAsync<SlipRow>(RowsWithPrefix(caseId, CaseRowKeys.SlipPrefix), select: [nameof(SlipRow.SlipId)], cancellationToken: cancellationToken))
        {
            issued.Add(slip.SlipId);
        }

        return (ToFacts(row), issued);
    }

    /// <summary>Adds the slip once; a replayed activity finds it there and leaves it (and its acknowledgement) alone.</summary>
    public async Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
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
        try
        {
            await _cases.AddEntityAsync(row, cancellationToken);
            HubMetrics.SlipIssued(slip.Kind);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Issued before this replay of the activity.
        }
    }

    /// <summary>Marks a slip seen by its addressee; acknowledging twice keeps the first acknowledgement.</summary>
    public async Task<TransitionOutcome> AcknowledgeSlipAsync(string caseId, string slipId, string? callerUnit, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!CaseRowKeys.CanBeKey(caseId) || !CaseRowKeys.CanBeKey(slipId))
        {
            return TransitionOutcome.NotFound;
        }

        var found = await _cases.GetEntityIfExistsAsync<SlipRow>(caseId, CaseRowKeys.Slip(slipId), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } slip)
        {
            return TransitionOutcome.NotFound;
        }

        if (callerUnit is not null && slip.AddressedTo != callerUnit)
        {
            return TransitionOutcome.NotPermitted;
        }

        if (slip.Acknowledged)
        {
            return TransitionOutcome.Replayed;
        }

        slip.Acknowledged = true;
        slip.AcknowledgedAt = at;
        slip.AcknowledgedBy = by;
        try
        {
            await _cases.UpdateEntityAsync(slip, slip.ETag, TableUpdateMode.Merge, cancellationToken);
            return TransitionOutcome.Applied;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return TransitionOutcome.Replayed;
        }
    }

    /// <summary>
    /// One page of cases matching the filter, in case-id order (which is report order within a day): full unless no
    /// more cases match (see <see cref="TablePages"/>).
    /// </summary>
    public async Task<(IReadOnlyList<StoredCaseSummary> Items, string? ContinuationToken)> ListAsync(
        CaseFilter filter, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {CaseRowKeys.Case}") };
        if (filter.State is { } state) clauses.Add(TableClient.CreateQueryFilter($"State eq {state.ToString()}"));
        if (filter.Unit is { } unit) clauses.Add(TableClient.CreateQueryFilter($"AssignedUnit eq {unit}"));
        if (filter.Category is { } category) clauses.Add(TableClient.CreateQueryFilter($"CategoryCode eq {category}"));
        if (filter.Source is { } source) clauses.Add(TableClient.CreateQueryFilter($"Source eq {source.ToString()}"));
        if (filter.Reporter is { } reporter) clauses.Add(TableClient.CreateQueryFilter($"ReporterSubject eq {reporter.Subject} and ReporterIssuer eq {reporter.Issuer}"));
        // Case ids begin with their day, so a time range is also a partition range, which the table reads instead of
        // scanning every case. An id is numbered just before its report time is taken: the range starts a day early.
        if (filter.From is { } from)
        {
            from = Clamped(from);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {CaseNumberAllocator.DayPrefix(from.AddDays(-1))} and ReportedAt ge {from}"));
        }

        if (filter.To is { } to)
        {
            to = Clamped(to);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey lt {CaseNumberAllocator.DayPrefix(to.AddDays(1))} and ReportedAt lt {to}"));
        }

        if (filter.OverdueAt is { } now) clauses.Add(TableClient.CreateQueryFilter($"StageDeadline lt {now}"));
        if (filter.Grid is { } grid) clauses.Add(TableClient.CreateQueryFilter($"Grid eq {grid}"));
        if (filter.District is { } district) clauses.Add(TableClient.CreateQueryFilter($"DistrictCode eq {district}"));

        // A paused clock is not overdue. Its pause stays a client-side test: table filters cannot test for a missing
        // property, and a property present only while the clock runs would be missing on every case stored before it.
        Func<CaseRow, bool>? running = filter.OverdueAt is null ? null : row => row.StagePausedAt is null;
        var (rows, next) = await _cases.ReadPageAsync(string.Join(" and ", clauses), limit, continuationToken, running, cancellationToken);
        return ([.. rows.Select(row => new StoredCaseSummary(row.PartitionKey, ToFacts(row), Enum.Parse<CaseSource>(row.Source), row.ReportedAt, row.UpdatedAt, row.Grid, row.Description, row.Address))], next);
    }

    /// <summary>
    /// A filter bound within what a case can carry: Table storage holds no time before 1601, and the calendar's last
    /// days have no next day (or China day) to bound partitions by. Clamping changes no answer, since no case is
    /// reported before 1601 or in 9999's last days.
    /// </summary>
    private static DateTimeOffset Clamped(DateTimeOffset bound) =>
        bound < EarliestBound ? EarliestBound : bound > LatestBound ? LatestBound : bound;

    /// <summary>One page of slips across cases, in case and slip order; full unless no more slips match.</summary>
    public async Task<(IReadOnlyList<SlipView> Items, string? ContinuationToken)> ListSlipsAsync(
        string? addressedTo, SlipKind? kind, bool? acknowledged, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var clauses = new List<string>
        {
            TableClient.CreateQueryFilter($"RowKey ge {CaseRowKeys.SlipPrefix} and RowKey lt {NextPrefix(CaseRowKeys.SlipPrefix)}"),
        };
        if (addressedTo is not null) clauses.Add(TableClient.CreateQueryFilter($"AddressedTo eq {addressedTo}"));
        if (kind is { } k) clauses.Add(TableClient.CreateQueryFilter($"Kind eq {k.ToString()}"));
        if (acknowledged is { } a) clauses.Add(TableClient.CreateQueryFilter($"Acknowledged eq {a}"));

        var (rows, next) = await _cases.ReadPageAsync<SlipRow>(string.Join(" and ", clauses), limit, continuationToken, null, cancellationToken);
        return ([.. rows.Select(ToView)], next);
    }

    /// <summary>The ids of every case that is neither closed, voided nor merged: the cases that must have a running workflow.</summary>
    public IAsyncEnumerable<string> ListOpenCaseIdsAsync(CancellationToken cancellationToken) =>
        CaseIdsAsync(
            TableClient.CreateQueryFilter($"State ne {CaseState.Closed.ToString()} and State ne {CaseState.Voided.ToString()} and State ne {CaseState.Merged.ToString()}"),
            cancellationToken);

    /// <summary>
    /// Ids of the cases whose stage clock counts working time and whose deadline is at or after
    /// <paramref name="deadlineFrom"/>: the stages a change of the working calendar from then on can move. Closed and
    /// voided cases have no clock. A scan of the case rows, run a few times a year when a calendar year is loaded.
    /// </summary>
    public IAsyncEnumerable<string> ListWorkingClockCasesAsync(DateTimeOffset deadlineFrom, CancellationToken cancellationToken) =>
        CaseIdsAsync(
            TableClient.CreateQueryFilter(
                $"StageDeadline ge {deadlineFrom} and (StageClock eq {nameof(ClockKind.WorkingHours)} or StageClock eq {nameof(ClockKind.WorkingDays)})"),
            cancellationToken);

    /// <summary>The ids of the cases whose row matches <paramref name="filter"/>, reading only the id: a scan for background work.</summary>
    private async IAsyncEnumerable<string> CaseIdsAsync(string filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var caseRows = TableClient.CreateQueryFilter($"RowKey eq {CaseRowKeys.Case}");
        await foreach (var row in _cases.QueryAsync<TableEntity>($"{caseRows} and {filter}", select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return row.PartitionKey;
        }
    }

    /// <summary>The outbound messages of the change <paramref name="row"/> now holds (its last timeline entry), staged for its transaction.</summary>
    private async Task<IReadOnlyList<TableTransactionAction>> OutboundAsync(
        CaseRow row, string action, CaseState? from, string role, DateTimeOffset at, string? reason, string? outcome, CancellationToken cancellationToken) =>
        outbox is null
            ? []
            : await outbox.StageAsync(
                new CaseChange(
                    row.PartitionKey, row.TimelineCount, action, from, ToFacts(row), Enum.Parse<CaseSource>(row.Source), row.Grid, role, at,
                    reason, outcome, LinksOf(row), row.HandlingResult,
                    row.HandlingAttachmentIds is null ? null : JsonSerializer.Deserialize<string[]>(row.HandlingAttachmentIds),
                    MergedCasesOf(row)),
                cancellationToken);

    private static IReadOnlyList<CaseLink> LinksOf(CaseRow row) =>
        row.Links is null ? [] : JsonSerializer.Deserialize(row.Links, CaseLinksJson.Default.IReadOnlyListCaseLink) ?? [];

    private static IReadOnlyList<MergedCase> MergedCasesOf(CaseRow row) =>
        row.MergedCases is null ? [] : JsonSerializer.Deserialize(row.MergedCases, CaseLinksJson.Default.IReadOnlyListMergedCase) ?? [];

    private static List<TableTransactionAction> TransitionActions(CaseRow row, CaseFacts before, CaseFacts after, CaseTransition transition, string? reason, RequestKey? key)
    {
        var sequence = row.TimelineCount + 1;
        WriteFacts(row, after);
        if (transition.LocateUnplaced is { } locate && row.Grid is null)
        {
            WritePlace(row, locate(row.Latitude, row.Longitude));
        }

        row.UpdatedAt = transition.At;
        row.TimelineCount = sequence;
        if (transition.Action == CaseActionNames.Complete)
        {
            row.HandlingResult = reason;
            row.HandlingAttachmentIds = JsonSerializer.Serialize(transition.AttachmentIds);
        }

        if (transition.Absorbs is { } absorbed && MergedCasesOf(row) is var merged && merged.All(m => m.CaseId != absorbed.CaseId))
        {
            row.MergedCases = JsonSerializer.Serialize<IReadOnlyList<MergedCase>>([.. merged, absorbed], CaseLinksJson.Default.IReadOnlyListMergedCase);
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, row, row.ETag),
            new(TableTransactionActionType.Add, new TimelineRow
            {
                PartitionKey = row.PartitionKey,
                RowKey = CaseRowKeys.Timeline(sequence),
                Sequence = sequence,
                Action = transition.Action,
                FromState = before.State.ToString(),
                ToState = after.State.ToString(),
                Actor = transition.Actor,
                Role = transition.Role,
                At = transition.At,
                Reason = reason,
                AttachmentIds = transition.AttachmentIds.Count == 0 ? null : JsonSerializer.Serialize(transition.AttachmentIds),
            }),
        };
        if (key is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new ActionKeyRow
            {
                PartitionKey = row.PartitionKey,
                RowKey = CaseRowKeys.ActionKey(key.KeyHash),
                RequestHash = key.RequestHash,
                ResultState = after.State.ToString(),
            }));
        }

        return actions;
    }

    /// <summary>The facts of a case as <see cref="CreateAsync"/> would store them: what its workflow starts on.</summary>
    public static CaseFacts FactsOf(NewCase newCase)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        return ToFacts(NewRow(newCase));
    }

    private static CaseRow NewRow(NewCase newCase)
    {
        var caseRow = new CaseRow
        {
            PartitionKey = newCase.CaseId,
            State = newCase.State.ToString(),
            Source = newCase.Source.ToString(),
            Description = newCase.Description,
            CategoryCode = newCase.CategoryCode,
            CategoryKind = newCase.CategoryKind?.ToString(),
            Urgency = newCase.Urgency?.ToString(),
            UpstreamDeadline = newCase.UpstreamDeadline,
            Links = newCase.Links is { Count: > 0 } links ? JsonSerializer.Serialize(links, CaseLinksJson.Default.IReadOnlyListCaseLink) : null,
            LikelyDuplicates = newCase.LikelyDuplicates is { Count: > 0 } likely
                ? JsonSerializer.Serialize(likely, CaseLinksJson.Default.IReadOnlyListLikelyDuplicate)
                : null,
            Latitude = newCase.Location.Lat,
            Longitude = newCase.Location.Lon,
            Crs = CoordinateSystem.Wgs84.ToString(),
            OriginalLatitude = newCase.ReportedPoint.Lat,
            OriginalLongitude = newCase.ReportedPoint.Lon,
            OriginalCrs = newCase.ReportedCrs.ToString(),
            Address = newCase.Address,
            AttachmentIds = JsonSerializer.Serialize(newCase.AttachmentIds),
            ReporterSubject = newCase.ReporterSubject,
            ReporterIssuer = newCase.ReporterIssuer,
            ReporterRole = newCase.ReporterRole,
            ReportedAt = newCase.ReportedAt,
            UpdatedAt = newCase.ReportedAt,
            TimelineCount = 1,
        };
        WriteClock(caseRow, newCase.RegistrationClock);
        WritePlace(caseRow, newCase.Place);
        WriteComponent(caseRow, newCase.Component);
        return caseRow;
    }

    /// <summary>Times in UTC, as Tables answers them, so facts built before a write equal those read after it.</summary>
    internal static CaseFacts ToFacts(CaseRow row) => new(
        Enum.Parse<CaseState>(row.State),
        row.ReporterSubject,
        row.CategoryCode,
        row.Urgency is null ? null : Enum.Parse<Urgency>(row.Urgency),
        row.AssignedUnit,
        row.ReworkCount,
        row.PostponementDays is { } days ? new PendingPostponement(days, row.PostponementRequestedAt!.Value.ToUniversalTime()) : null,
        row.SuspensionRequested,
        row.SuspendedFrom is null ? null : Enum.Parse<CaseState>(row.SuspendedFrom),
        row.Stage is null
            ? null
            : new StageClock(
                Enum.Parse<CaseStage>(row.Stage),
                row.StageSequence,
                row.StageStartedAt!.Value.ToUniversalTime(),
                new TimeLimit(Enum.Parse<ClockKind>(row.StageClock!), row.StageLimitAmount),
                row.StageDeadline!.Value.ToUniversalTime(),
                row.StagePausedAt?.ToUniversalTime()),
        row.Satisfaction is null ? null : Enum.Parse<Satisfaction>(row.Satisfaction),
        row.CategoryKind is null ? null : Enum.Parse<CodeKind>(row.CategoryKind),
        row.ReporterIssuer ?? "",
        row.Stage is null ? row.StageSequence : 0,
        row.MergedInto);

    private static void WriteFacts(CaseRow row, CaseFacts facts)
    {
        row.State = facts.State.ToString();
        row.CategoryCode = facts.CategoryCode;
        row.CategoryKind = facts.CategoryKind?.ToString();
        row.Urgency = facts.Urgency?.ToString();
        row.AssignedUnit = facts.AssignedUnit;
        row.ReworkCount = facts.ReworkCount;
        row.PostponementDays = facts.Postponement?.ExtraWorkingDays;
        row.PostponementRequestedAt = facts.Postponement?.RequestedAt;
        row.SuspensionRequested = facts.SuspensionRequested;
        row.SuspendedFrom = facts.SuspendedFrom?.ToString();
        row.Satisfaction = facts.Satisfaction?.ToString();
        row.MergedInto = facts.MergedInto;
        WriteClock(row, facts.Clock);
    }

    /// <summary>A stopped clock (closed, voided, merged) keeps its sequence so slip ids of earlier stages stay unique.</summary>
    private static void WriteClock(CaseRow row, StageClock? clock)
    {
        row.Stage = clock?.Stage.ToString();
        row.StageSequence = clock?.Sequence ?? row.StageSequence;
        row.StageStartedAt = clock?.StartedAt;
        row.StageClock = clock?.Limit.Clock.ToString();
        row.StageLimitAmount = clock?.Limit.Amount ?? 0;
        row.StageDeadline = clock?.Deadline;
        row.StagePausedAt = clock?.PausedAt;
    }

    private static void WritePlace(CaseRow row, GridLocation? place)
    {
        row.Grid = place?.Grid;
        row.CommunityCode = place?.Community.Code;
        row.CommunityName = place?.Community.Name;
        row.StreetCode = place?.Street.Code;
        row.StreetName = place?.Street.Name;
        row.DistrictCode = place?.District.Code;
        row.DistrictName = place?.District.Name;
    }

    private static void WriteComponent(CaseRow row, CaseComponent? component)
    {
        row.ComponentId = component?.Id;
        row.ComponentTypeCode = component?.TypeCode;
        row.ComponentOwner = component?.OwnerUnit;
        row.ComponentMaintainer = component?.MaintenanceUnit;
    }

    private static CasePlace? PlaceOf(CaseRow row) => row.Grid is null
        ? null
        : new CasePlace(
            row.Grid,
            new PlaceView(row.CommunityCode!, row.CommunityName!),
            new PlaceView(row.StreetCode!, row.StreetName!),
            new PlaceView(row.DistrictCode!, row.DistrictName!));

    internal static SlipView ToView(SlipRow s) => new(
        s.SlipId, s.PartitionKey, s.Number, Enum.Parse<SlipKind>(s.Kind), s.Stage, s.IssuedAt, s.Deadline, s.AddressedTo, s.AcknowledgedAt, s.AcknowledgedBy);

    private static string NextPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string RowsWithPrefix(string caseId, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {prefix} and RowKey lt {NextPrefix(prefix)}");
}
