using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>签收: the unit confirms it has taken the case.</summary>
public sealed class AcceptCase(StageClocks clocks) : NoteAction(clocks)
{
    public override string Name => CaseActionNames.Accept;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Unit);

    protected override CaseDecision Decide(ActionNote body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireOwnUnit(caller, facts)
        ?? RequireState(facts, CaseState.Dispatched)
        ?? CaseDecision.Allow(facts with { State = CaseState.Accepted });
}
