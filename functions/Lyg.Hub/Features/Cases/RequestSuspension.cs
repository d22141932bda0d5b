using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>挂账申请: the unit asks to suspend a case that cannot be handled now (needs funds, weather, a permit).</summary>
public sealed class RequestSuspension(StageClocks clocks) : ReasonedAction(clocks)
{
    public override string Name => CaseActionNames.RequestSuspension;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Unit);

    protected override string Doing => "A suspension";

    protected override CaseDecision Decide(ReasonedRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireOwnUnit(caller, facts)
        ?? RequireState(facts, CaseState.Dispatched, CaseState.Accepted)
        ?? (facts.SuspensionRequested
            ? CaseDecision.Conflict("A suspension request is already waiting for a decision.")
            : CaseDecision.Allow(facts with { SuspensionRequested = true }));
}
