using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 核查: an inspector or operator checks the result on site. Passed closes the case (结案); failed sends it back to
/// the same unit for rework (返工), counted, with a fresh handling clock, or to dispatch when no unit handled it. The
/// upper platform (a machine client of kind upstream) checks too: returning a result (退回, 重办) is a failed check.
/// </summary>
public sealed class CheckCase(StageClocks clocks) : OnSiteVerdictAction<CheckCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Check;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Inspector, Roles.Operator, Roles.Upstream);

    protected override JsonTypeInfo<CheckCaseRequest> BodyType => LygJsonContext.Default.CheckCaseRequest;

    protected override string VerdictField => "passed";

    protected override string VerdictQuestion => "whether the check passed";

    protected override string RemarksForNo => "A failed check needs remarks for the rework";

    protected override bool? VerdictOf(CheckCaseRequest body) => body?.Passed;

    protected override string? RemarksOf(CheckCaseRequest body) => body?.Remarks;

    protected override IReadOnlyList<string>? PhotosOf(CheckCaseRequest body) => body?.AttachmentIds;

    protected override CaseDecision Decide(CheckCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Handled)
        ?? CaseDecision.Allow(body.Passed == true
            ? facts with { State = CaseState.Closed }
            : facts with
            {
                // A case no unit handled (an inspector's 自行处置) has nobody to rework it: the center dispatches it.
                State = facts.AssignedUnit is null ? CaseState.Registered : CaseState.Dispatched,
                ReworkCount = facts.ReworkCount + 1,
            });
}
