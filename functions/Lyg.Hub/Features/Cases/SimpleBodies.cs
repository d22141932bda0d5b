using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Features.Attachments;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>An action whose body is an optional note (签收, 恢复).</summary>
public abstract class NoteAction(StageClocks clocks) : CaseAction<ActionNote>(clocks)
{
    protected override JsonTypeInfo<ActionNote> BodyType => LygJsonContext.Default.ActionNote;

    public override Dictionary<string, string[]> Validate(ActionNote body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        LimitText(errors, "note", body.Note);
        return errors;
    }

    protected override string? ReasonOf(ActionNote body) => body?.Note;
}

/// <summary>An action that must say why (回退, 挂账申请).</summary>
public abstract class ReasonedAction(StageClocks clocks) : CaseAction<ReasonedRequest>(clocks)
{
    protected override JsonTypeInfo<ReasonedRequest> BodyType => LygJsonContext.Default.ReasonedRequest;

    /// <summary>Completes "… needs a reason" in the validation message, e.g. "Returning".</summary>
    protected abstract string Doing { get; }

    public override Dictionary<string, string[]> Validate(ReasonedRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        RequireText(errors, "reason", body.Reason, $"{Doing} needs a reason");
        return errors;
    }

    protected override string? ReasonOf(ReasonedRequest body) => body?.Reason;
}

/// <summary>An approve/reject decision on a pending request (延期审批, 挂账审批).</summary>
public abstract class DecisionAction(StageClocks clocks) : CaseAction<DecisionRequest>(clocks)
{
    protected override JsonTypeInfo<DecisionRequest> BodyType => LygJsonContext.Default.DecisionRequest;

    public override Dictionary<string, string[]> Validate(DecisionRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.Approved is null)
        {
            errors["approved"] = ["State the decision: true to approve, false to reject."];
        }

        LimitText(errors, "reason", body.Reason);
        return errors;
    }

    /// <summary>The timeline shows the decision itself, then the reason given.</summary>
    protected override string? ReasonOf(DecisionRequest body) =>
        body is null ? null : OutcomeOf(body) + (string.IsNullOrWhiteSpace(body.Reason) ? "" : ": " + body.Reason.Trim());

    protected override string? OutcomeOf(DecisionRequest body) => body?.Approved == true ? "approved" : "rejected";
}

/// <summary>
/// A verdict found on site, yes or no, with photos (核实, 核查): the verdict is required, and a "no" needs remarks
/// saying what was found, since someone must act on it.
/// </summary>
public abstract class OnSiteVerdictAction<TBody>(StageClocks clocks) : CaseAction<TBody>(clocks)
    where TBody : class
{
    /// <summary>The verdict's JSON name (<c>passed</c>, <c>confirmed</c>).</summary>
    protected abstract string VerdictField { get; }

    /// <summary>What the verdict field is asked, e.g. "whether the check passed".</summary>
    protected abstract string VerdictQuestion { get; }

    /// <summary>Why a "no" needs remarks, e.g. "A failed check needs remarks for the rework".</summary>
    protected abstract string RemarksForNo { get; }

    protected abstract bool? VerdictOf(TBody body);

    protected abstract string? RemarksOf(TBody body);

    protected abstract IReadOnlyList<string>? PhotosOf(TBody body);

    public override Dictionary<string, string[]> Validate(TBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        var verdict = VerdictOf(body);
        if (verdict is null)
        {
            errors[VerdictField] = [$"State {VerdictQuestion}: true or false."];
        }
        else if (verdict == false)
        {
            RequireText(errors, "remarks", RemarksOf(body), RemarksForNo);
        }

        LimitText(errors, "remarks", RemarksOf(body));
        AttachmentIds.Check(PhotosOf(body), errors);
        return errors;
    }

    protected override string? ReasonOf(TBody body) => RemarksOf(body);

    protected override IReadOnlyList<string> AttachmentsOf(TBody body) => PhotosOf(body) ?? [];
}
