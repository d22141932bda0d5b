using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>回退: the unit sends a case back (not its responsibility), with a reason; the dispatcher re-dispatches it.</summary>
public sealed class ReturnCase(StageClocks clocks) : ReasonedAction(clocks)
{
    public override string Name => CaseActionNames.Return;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Unit);

    protected override string Doing => "Returning";

    /// <summary>Pending requests lapse with the return: they were the returning unit's. The dispatch stage begins anew.</summary>
    protected override CaseDecision Decide(ReasonedRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireOwnUnit(caller, facts)
        ?? RequireState(facts, CaseState.Dispatched, CaseState.Accepted)
        ?? CaseDecision.Allow(facts with
        {
            State = CaseState.Returned,
            AssignedUnit = null,
            Postponement = null,
            SuspensionRequested = false,
        });
}
