using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>恢复: the shift lead lifts a suspension; the case returns to its state and its clock runs on with the time left.</summary>
public sealed class ResumeCase(StageClocks clocks) : CaseAction<ActionNote>(clocks)
{
    public override string Name => CaseActionNames.Resume;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.ShiftLead);

    protected override JsonTypeInfo<ActionNote> BodyType => LygJsonContext.Default.ActionNote;

    public override Dictionary<string, string[]> Validate(ActionNote body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        LimitText(errors, "note", body.Note);
        return errors;
    }

    protected override string? ReasonOf(ActionNote body) => body.Note;

    protected override CaseDecision Decide(ActionNote body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Suspended)
        ?? CaseDecision.Allow(facts with { State = facts.SuspendedFrom ?? CaseState.Dispatched, SuspendedFrom = null });
}
