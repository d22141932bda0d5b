using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Codes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// A 12345 work order taken from any channel — POST v1/hotline12345/work-orders and the 12345 feed on Event Hubs — and
/// made a case through <see cref="CaseIntake"/>
/// (source hotline12345, source key the work-order number within the client, a link to the order, its due time as the
/// upstream deadline, its category through <see cref="HotlineCategoryMap"/>). Pushes of one order never make a second
/// case, in whatever number and order they arrive: the first records the order (<see cref="HotlineOrderStore"/>); a
/// repeat, or a push older (by <c>updatedAt</c>) than one taken, changes nothing; a later one puts what it adds on the
/// timeline — each new urging as <c>hotline-urge</c>, changed details as <c>hotline-update</c>. The caller is sealed at
/// rest and masked in the log.
/// </summary>
public sealed partial class TakeWorkOrder(
    CaseIntake intake, CaseStore cases, HotlineOrderStore orders, HotlineCategoryMap categories, PersonalDataProtector protector,
    CodeCatalog codes, TimeProvider clock, ILogger<TakeWorkOrder> logger)
{
    public const int MaxAttachmentUrls = 10;
    public const int MaxUrlLength = 256;
    public const int MaxUrgings = 20;
    public const int MaxNoteLength = 500;
    public const int MaxCallerNameLength = 50;
    public const int MaxCallerPhoneLength = 32;
    private const int MaxSeenPushes = 50;
    private const int MaxOptimisticAttempts = 5;

    /// <summary>
    /// Validates and takes one order of <paramref name="clientId"/>; <paramref name="utf8"/> is the JSON it was read
    /// from, whose hash tells a repeated push. Invalid: the faults by field, and nothing was stored.
    /// </summary>
    public async Task<WorkOrderResult> TakeAsync(string clientId, HotlineWorkOrder order, ReadOnlyMemory<byte> utf8, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var errors = new Dictionary<string, string[]>();
        var number = WorkOrderNumber.Check(order.WorkOrderNo, errors);
        Time(order.AcceptedAt, "acceptedAt", required: true, errors);
        var dueAt = Time(order.DueAt, "dueAt", required: false, errors);
        var updatedAt = Time(order.UpdatedAt, "updatedAt", required: false, errors);
        var urgings = Urgings(order.Urgings, errors);
        CheckCaller(order.Caller, errors);
        CheckCategoryPath(order.CategoryPath, errors);
        CheckAttachmentUrls(order.AttachmentUrls, errors);

        var category = categories.Resolve(order.CategoryPath);
        var request = new IntakeRequest(
            CaseSource.Hotline12345,
            new IntakeReporter(Caller.MachineIssuer, clientId, Roles.Hotline12345),
            order.Description,
            category?.CategoryCode,
            order.Location,
            order.Address,
            CategoryKind: category?.CategoryKind,
            Urgency: order.Urgency,
            UpstreamDeadline: dueAt,
            Links: [new CaseLink(HotlineTimeline.WorkOrderLink, HotlineTimeline.WorkOrderRef(clientId, number ?? "")),
                .. (order.AttachmentUrls ?? []).Select(url => new CaseLink(HotlineTimeline.AttachmentLink, url))]);
        foreach (var (field, messages) in CaseIntake.Validate(request, codes).Where(e => !e.Key.StartsWith("links", StringComparison.Ordinal)))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return new WorkOrderResult.Invalid(errors);
        }

        var details = new HotlineOrderDetails(
            order.Description!.Trim(), string.IsNullOrWhiteSpace(order.Address) ? null : order.Address.Trim(), order.Urgency,
            [.. (order.CategoryPath ?? []).Select(n => n.Trim())], dueAt, order.AttachmentUrls ?? []);
        var push = new Push(clientId, number!, details, order.Caller, urgings, updatedAt, HotlineOrderStore.Hash(Convert.ToBase64String(utf8.Span)));
        var (caseId, outcome) = await TakeAsync(request, push, durable, cancellationToken);
        if (caseId is null)
        {
            return new WorkOrderResult.Invalid(((IntakeOutcome.Rejected)outcome.Intake!).Errors.ToDictionary());
        }

        // Masked: the log is no place for a caller's name and number.
        var masked = PersonalDataMask.Caller(order.Caller);
        LogWorkOrder(logger, clientId, number!, caseId, outcome.Name, masked?.Name, masked?.Phone);
        return new WorkOrderResult.Taken(caseId, outcome.Name);
    }

    private sealed record Push(
        string ClientId, string Number, HotlineOrderDetails Details, HotlineCaller? Caller, IReadOnlyList<(string Key, DateTimeOffset At, string? Note)> Urgings,
        DateTimeOffset? UpdatedAt, string Hash);

    private sealed record Taken(string Name, IntakeOutcome? Intake = null)
    {
        public static Taken Created { get; } = new("created");
        public static Taken Updated { get; } = new("updated");
        public static Taken Unchanged { get; } = new("unchanged");
    }

    /// <summary>The case of the push and what the push did, or (null, the intake's refusal).</summary>
    private async Task<(string? CaseId, Taken Outcome)> TakeAsync(IntakeRequest request, Push push, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // Kept across attempts: the push whose intake stored the case made it, even if another push recorded the order first.
        var created = false;
        for (var attempt = 1; ; attempt++)
        {
            var row = await orders.FindAsync(push.ClientId, push.Number, cancellationToken);
            if (row is null)
            {
                var outcome = await intake.SubmitAsync(request, new SourceKey(push.ClientId, push.Number), durable, cancellationToken);
                string caseId;
                switch (outcome)
                {
                    case IntakeOutcome.Rejected:
                        return (null, new Taken("rejected", outcome));
                    case IntakeOutcome.KeyConflict conflict:
                        // An earlier push made the case and failed before recording the order: this one is a later push.
                        caseId = conflict.ExistingCaseId;
                        break;
                    case IntakeOutcome.Accepted accepted:
                        (caseId, created) = (accepted.CaseId, created || accepted.Created);
                        break;
                    default:
                        // Only citizens' reports are counted against a limit; a machine channel's never are.
                        throw new UnreachableException($"The intake answered {outcome.GetType().Name} to a 12345 work order.");
                }

                row = new HotlineOrderRow
                {
                    PartitionKey = push.ClientId,
                    RowKey = push.Number,
                    CaseId = caseId,
                    Details = JsonSerializer.Serialize(push.Details, HotlineJsonContext.Default.HotlineOrderDetails),
                };
                if (!await orders.TryAddAsync(row, cancellationToken))
                {
                    continue;
                }

                row = await orders.FindAsync(push.ClientId, push.Number, cancellationToken)
                    ?? throw new InvalidOperationException($"Work order {push.Number} vanished after it was recorded.");
            }

            var (changed, updatedRow) = await ApplyAsync(row, push, cancellationToken);
            if (updatedRow is null || await orders.TryReplaceAsync(updatedRow, cancellationToken))
            {
                return (row.CaseId, created ? Taken.Created : changed ? Taken.Updated : Taken.Unchanged);
            }

            if (attempt >= MaxOptimisticAttempts)
            {
                throw new InvalidOperationException($"Work order {push.Number} kept changing under {MaxOptimisticAttempts} pushes in a row.");
            }
        }
    }

    /// <summary>
    /// Puts what the push adds on the case's timeline and returns the order row to store, or null when the push was
    /// taken before. The push that recorded the order differs from its own details in nothing, so only urgings can be
    /// new in it; a push older than one taken adds only urgings not seen yet.
    /// </summary>
    private async Task<(bool Changed, HotlineOrderRow? Row)> ApplyAsync(HotlineOrderRow row, Push push, CancellationToken cancellationToken)
    {
        var seen = JsonSerializer.Deserialize(row.SeenPushes, HotlineJsonContext.Default.ListString) ?? [];
        if (seen.Contains(push.Hash))
        {
            return (false, null);
        }

        var stale = push.UpdatedAt is { } at && row.UpdatedAt is { } latest && at < latest;
        var changed = false;
        var now = clock.GetUtcNow();
        var urgingKeys = JsonSerializer.Deserialize(row.Urgings, HotlineJsonContext.Default.ListString) ?? [];
        foreach (var urging in push.Urgings.Where(u => !urgingKeys.Contains(u.Key)))
        {
            // An urging is news whenever it arrives: a stale push can still be the first to carry it.
            await HotlineTimeline.AddAsync(
                cases, row.CaseId, HotlineTimeline.Urge, push.ClientId, $"12345 催办 {urging.At:yyyy-MM-dd HH:mm:ssK}{(urging.Note is null ? "" : ": " + urging.Note)}",
                urging.Key, now, null, cancellationToken);
            urgingKeys.Add(urging.Key);
            changed = true;
        }

        var before = JsonSerializer.Deserialize(row.Details, HotlineJsonContext.Default.HotlineOrderDetails)!;
        var differences = stale ? [] : Differences(before, push.Details);
        if (differences.Count > 0)
        {
            await HotlineTimeline.AddAsync(
                cases, row.CaseId, HotlineTimeline.Update, push.ClientId, $"12345 更新: {string.Join("; ", differences)}", push.Hash, now, null, cancellationToken);
            row.Details = JsonSerializer.Serialize(push.Details, HotlineJsonContext.Default.HotlineOrderDetails);
            changed = true;
        }

        if (push.Caller is not null && !stale)
        {
            row.Caller = protector.Seal(push.Caller, HotlineTimeline.WorkOrderRef(push.ClientId, push.Number));
        }

        seen.Add(push.Hash);
        row.SeenPushes = JsonSerializer.Serialize(seen.TakeLast(MaxSeenPushes).ToList(), HotlineJsonContext.Default.ListString);
        row.Urgings = JsonSerializer.Serialize(urgingKeys, HotlineJsonContext.Default.ListString);
        row.UpdatedAt = push.UpdatedAt is { } pushed && (row.UpdatedAt is null || pushed > row.UpdatedAt) ? pushed : row.UpdatedAt;
        return (changed, row);
    }

    /// <summary>What a later push changed, in words for the timeline; the description is quoted, since it is what staff read.</summary>
    private static List<string> Differences(HotlineOrderDetails before, HotlineOrderDetails after)
    {
        var changes = new List<string>();
        if (before.Description != after.Description) changes.Add($"描述: {after.Description}");
        if (before.Address != after.Address) changes.Add($"地址: {after.Address}");
        if (before.Urgency != after.Urgency) changes.Add($"紧急程度: {(after.Urgency is { } urgency ? WireNames.Of(urgency) : "-")}");
        if (!before.CategoryPath.SequenceEqual(after.CategoryPath)) changes.Add($"分类: {string.Join(" › ", after.CategoryPath)}");
        if (before.DueAt != after.DueAt) changes.Add($"办理时限: {after.DueAt:yyyy-MM-dd HH:mm:ssK}");
        if (!before.AttachmentUrls.SequenceEqual(after.AttachmentUrls)) changes.Add($"附件: {string.Join(" ", after.AttachmentUrls.Except(before.AttachmentUrls))}");
        return changes;
    }

    private static DateTimeOffset? Time(JsonElement? value, string field, bool required, Dictionary<string, string[]> errors)
    {
        if (value is not { ValueKind: not JsonValueKind.Null } element)
        {
            if (required)
            {
                errors[field] = [$"Required: {HotlineTime.Formats}"];
            }

            return null;
        }

        var parsed = HotlineTime.Parse(element);
        if (parsed is null)
        {
            errors[field] = [$"Not a time: {HotlineTime.Formats}"];
        }

        return parsed;
    }

    private static List<(string Key, DateTimeOffset At, string? Note)> Urgings(IReadOnlyList<HotlineUrging>? urgings, Dictionary<string, string[]> errors)
    {
        var taken = new List<(string, DateTimeOffset, string?)>();
        if (urgings is null)
        {
            return taken;
        }

        if (urgings.Count > MaxUrgings)
        {
            errors["urgings"] = [$"At most {MaxUrgings} urgings."];
            return taken;
        }

        for (var i = 0; i < urgings.Count; i++)
        {
            var at = Time(urgings[i]?.At, $"urgings[{i}].at", required: true, errors);
            var note = urgings[i]?.Note?.Trim();
            if (note is { Length: > MaxNoteLength })
            {
                errors[$"urgings[{i}].note"] = [$"At most {MaxNoteLength} characters."];
            }

            if (at is { } instant)
            {
                taken.Add((HotlineOrderStore.Hash($"{instant.UtcTicks}\n{note}"), instant, string.IsNullOrEmpty(note) ? null : note));
            }
        }

        return taken;
    }

    private static void CheckCaller(HotlineCaller? caller, Dictionary<string, string[]> errors)
    {
        if (caller?.Name is { Length: > MaxCallerNameLength })
        {
            errors["caller.name"] = [$"At most {MaxCallerNameLength} characters."];
        }

        if (caller?.Phone is { } phone && (phone.Length > MaxCallerPhoneLength || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            errors["caller.phone"] = [$"Up to {MaxCallerPhoneLength} digits, '+', '-' or spaces."];
        }
    }

    private static void CheckCategoryPath(IReadOnlyList<string>? path, Dictionary<string, string[]> errors)
    {
        if (path is null)
        {
            return;
        }

        if (path.Count > HotlineCategoryMap.MaxLevels)
        {
            errors["categoryPath"] = [$"At most {HotlineCategoryMap.MaxLevels} levels."];
            return;
        }

        for (var i = 0; i < path.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(path[i]) || path[i].Length > HotlineCategoryMap.MaxNameLength)
            {
                errors[$"categoryPath[{i}]"] = [$"A category name of 1 to {HotlineCategoryMap.MaxNameLength} characters."];
            }
        }
    }

    private static void CheckAttachmentUrls(IReadOnlyList<string>? urls, Dictionary<string, string[]> errors)
    {
        if (urls is null)
        {
            return;
        }

        if (urls.Count > MaxAttachmentUrls)
        {
            errors["attachmentUrls"] = [$"At most {MaxAttachmentUrls} attachment URLs."];
            return;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (urls[i] is not { Length: > 0 and <= MaxUrlLength } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors[$"attachmentUrls[{i}]"] = [$"An absolute http or https URL of at most {MaxUrlLength} characters."];
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "12345 work order {WorkOrderNo} of {ClientId} (caller {CallerName}, {CallerPhone}): case {CaseId}, {Outcome}")]
    private static partial void LogWorkOrder(ILogger logger, string clientId, string workOrderNo, string caseId, string outcome, string? callerName, string? callerPhone);
}

/// <summary>A 12345 work-order number: 1 to 64 of A-Z a-z 0-9 . _ -, a table key as it is.</summary>
public static partial class WorkOrderNumber
{
    public static string? Check(string? number, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (number is null || !Shape().IsMatch(number))
        {
            errors["workOrderNo"] = ["A work-order number of 1 to 64 letters, digits, '.', '_' or '-' is required."];
            return null;
        }

        return number;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex Shape();
}

/// <summary>What taking a work order came to.</summary>
public abstract record WorkOrderResult
{
    private WorkOrderResult()
    {
    }

    /// <summary>Faults by field (<c>workOrderNo</c>, <c>urgings[0].at</c>); nothing was stored.</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : WorkOrderResult;

    /// <summary>The order's case, and <c>created</c>, <c>updated</c> or <c>unchanged</c>.</summary>
    public sealed record Taken(string CaseId, string Outcome) : WorkOrderResult;
}
