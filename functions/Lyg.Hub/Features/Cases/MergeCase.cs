using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 并单: an operator or shift lead merges an open case into another open case, the main case, which is handled in its
/// stead. Two case partitions change, so it is two steps in a fixed order (ADR 0020): first this case becomes
/// <c>merged</c> with <c>mergedInto</c> (its workflow ends as for a closed case), then the main case records it —
/// reporter and 12345 work order, what its close tells them — with a <c>merge-in</c> timeline entry, keyed by the merged
/// case so it is written once. Any retry of the request, with its Idempotency-Key or without, completes the second
/// step. A main case that has closed by then tells the merged case's reporter and 12345 at once.
/// </summary>
public sealed class MergeCase(StageClocks clocks, CaseStore cases, TimeProvider time) : CaseAction<MergeCaseRequest>(clocks), ICaseFollowUp
{
    /// <summary>The main case's timeline entry for a case merged into it.</summary>
    public const string MainAction = "merge-in";

    /// <summary>
    /// The most cases merged into one: its close writes two messages per merged case (reporter, 12345) in one table
    /// transaction, which holds at most 100 rows.
    /// </summary>
    public const int MaxMergedCases = 40;

    public override string Name => CaseActionNames.Merge;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead);

    protected override JsonTypeInfo<MergeCaseRequest> BodyType => LygJsonContext.Default.MergeCaseRequest;

    public override Dictionary<string, string[]> Validate(MergeCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.IntoCaseId is not { } into || !CaseRowKeys.CanBeKey(into))
        {
            errors["intoCaseId"] = ["The id of the case to merge into (the main case) is required."];
        }

        LimitText(errors, "remarks", body.Remarks);
        return errors;
    }

    protected override string? ReasonOf(MergeCaseRequest body) => body is null ? null : WithRemarks($"merged into {body.IntoCaseId}", body.Remarks);

    protected override async Task<(MergeCaseRequest Body, IResult? Problem)> CheckAsync(string caseId, MergeCaseRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var into = body.IntoCaseId!;
        if (into == caseId)
        {
            return (body, Field("A case cannot be merged into itself."));
        }

        // A retry of a merge that was applied is let through to the store, which replays it (or refuses it without a
        // key): the main case may have closed since, and the follow-up must still complete.
        var merging = await cases.FindAsync(caseId, cancellationToken);
        if (merging?.Facts.MergedInto == into)
        {
            return (body, null);
        }

        if (merging?.MergedCases is { Count: > 0 })
        {
            return (body, Problems.StateConflict($"Case {caseId} has cases merged into it; it can only be a main case."));
        }

        var main = await cases.FindAsync(into, cancellationToken);
        return main switch
        {
            null => (body, Field($"There is no case {into}.")),
            { Facts.MergedInto: { } further } => (body, Conflict($"Case {into} is merged into {further}; merge into {further}.")),
            { Facts.IsFinished: true } => (body, Conflict($"Case {into} is {Wire(main.Facts.State)}; a case is merged only into an open case.")),
            { MergedCases.Count: >= MaxMergedCases } => (body, Conflict($"Case {into} has {MaxMergedCases} cases merged into it, the most one case takes.")),
            _ => (body, null),
        };
    }

    protected override CaseDecision Decide(MergeCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.MergedInto is { } merged)
        {
            return CaseDecision.Conflict($"The case is merged into {merged} already.");
        }

        return facts.IsFinished
            ? CaseDecision.Conflict($"The case is {Wire(facts.State)}; only an open case can be merged.")
            : CaseDecision.Allow(facts with { State = CaseState.Merged, MergedInto = body.IntoCaseId });
    }

    /// <summary>
    /// The second step: the main case records the merged case, once. It reads the merged case afresh, so it acts only on
    /// a merge that is stored, whichever attempt stored it.
    /// </summary>
    public async Task FollowUpAsync(CaseCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (body, _) = JsonBody.Parse(command.Body.Span, BodyType);
        var merged = await cases.FindAsync(command.CaseId, cancellationToken);
        if (body?.IntoCaseId is not { } into || merged?.Facts.MergedInto != into)
        {
            return;
        }

        var record = new MergedCase(
            merged.CaseId, merged.Source, merged.Facts.ReporterIssuer, merged.Facts.ReporterSubject, HotlineTimeline.WorkOrderOf(merged.Links)?.WorkOrderNo);
        var transition = new CaseTransition(
            MainAction, command.Actor.Subject, command.Actor.ActingRole(AllowedRoles) ?? command.Actor.ActingAs, time.GetUtcNow(),
            WithRemarks($"{merged.CaseId} merged into this case", body.Remarks), [], CaseDecision.Allow, Absorbs: record);
        var key = RequestKey.Create(MainAction, merged.CaseId, into, LygJsonContext.Default.String);
        await cases.TransitionAsync(into, transition, key, cancellationToken);
    }

    private static string WithRemarks(string what, string? remarks) => string.IsNullOrWhiteSpace(remarks) ? what : $"{what}: {remarks.Trim()}";

    private static IResult Field(string message) => Problems.Validation(new Dictionary<string, string[]> { ["intoCaseId"] = [message] });

    private static IResult Conflict(string message) => Problems.StateConflict($"intoCaseId: {message}");
}
