using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>挂账审批: the shift lead decides a pending suspension; approved, the case is suspended and its clock frozen.</summary>
public sealed class DecideSuspension(StageClocks clocks) : DecisionAction(clocks)
{
    public override string Name => CaseActionNames.DecideSuspension;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.ShiftLead);

    protected override CaseDecision Decide(DecisionRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        !facts.SuspensionRequested
            ? CaseDecision.Conflict("No suspension request is waiting for a decision.")
            : CaseDecision.Allow(body.Approved == true
                ? facts with { State = CaseState.Suspended, SuspendedFrom = facts.State, SuspensionRequested = false }
                : facts with { SuspensionRequested = false });
}
