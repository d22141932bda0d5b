using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 重办: the 12345 system, whose follow-up call found the caller dissatisfied and the problem unsolved, sends a closed
/// case back to the unit that handled it, as a failed check does: counted as a rework, with a fresh handling clock
/// (a new stage instance, so its slips are new). Only the client that pushed the work order sees the case to reopen it.
/// </summary>
public sealed class ReopenCase(StageClocks clocks) : ReasonedAction(clocks)
{
    /// <summary>
    /// Not one of <see cref="CaseActionNames"/>: no person may take it, so POST v1/cases/{caseId}/actions/reopen answers
    /// 404 as for an unknown action; the 12345 callback applies it through the case commands.
    /// </summary>
    public const string ActionName = "reopen";

    public override string Name => ActionName;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Hotline12345);

    protected override string Doing => "Reopening";

    protected override CaseDecision Decide(ReasonedRequest body, Caller caller, CaseFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return RequireState(facts, CaseState.Closed)
            ?? (facts.AssignedUnit is null
                ? CaseDecision.Conflict("The case has no unit that handled it to send it back to.")
                : CaseDecision.Allow(facts with { State = CaseState.Dispatched, ReworkCount = facts.ReworkCount + 1 }));
    }
}
