using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 延期审批: a dispatcher or shift lead decides a pending postponement. Either way the clock resumes with the time
/// that remained; approval then moves the deadline by the requested working days.
/// </summary>
public sealed class DecidePostponement(StageClocks clocks) : DecisionAction(clocks)
{
    public override string Name => CaseActionNames.DecidePostponement;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Dispatcher, Roles.ShiftLead);

    protected override CaseDecision Decide(DecisionRequest body, Caller caller, CaseFacts facts, DateTimeOffset now)
    {
        if (facts.Postponement is not { } pending || facts.Clock is null)
        {
            return CaseDecision.Conflict("No postponement request is waiting for a decision.");
        }

        var resumed = Clocks.Resume(facts.Clock, now);
        return CaseDecision.Allow(facts with
        {
            Postponement = null,
            Clock = body.Approved == true ? Clocks.Extend(resumed, pending.ExtraWorkingDays) : resumed,
        });
    }
}
