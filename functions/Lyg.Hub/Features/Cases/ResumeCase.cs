using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>恢复: the shift lead lifts a suspension; the case returns to its state and its clock runs on with the time left.</summary>
public sealed class ResumeCase(StageClocks clocks) : NoteAction(clocks)
{
    public override string Name => CaseActionNames.Resume;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.ShiftLead);

    protected override CaseDecision Decide(ActionNote body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Suspended)
        ?? CaseDecision.Allow(facts with { State = facts.SuspendedFrom ?? CaseState.Dispatched, SuspendedFrom = null });
}
