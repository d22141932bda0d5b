using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 核实: an inspector has been to the reported place. Confirmed leaves the case reported, the verification and its
/// photos on the timeline, for the operator to register (立案 needs the category and urgency the center decides);
/// not confirmed voids it (不属实, 作废) as <see cref="VoidCase"/> would. Inspectors take it by completing a verify task
/// (POST v1/inspector/tasks/{taskId}/complete); like <c>check</c>, it is open to them on the case too.
/// </summary>
public sealed class VerifyCase(StageClocks clocks) : OnSiteVerdictAction<VerifyCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Verify;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Inspector);

    protected override JsonTypeInfo<VerifyCaseRequest> BodyType => LygJsonContext.Default.VerifyCaseRequest;

    protected override string VerdictField => "confirmed";

    protected override string VerdictQuestion => "whether the report was confirmed on site";

    protected override string RemarksForNo => "A report not confirmed needs remarks saying what was found";

    protected override bool? VerdictOf(VerifyCaseRequest body) => body?.Confirmed;

    protected override string? RemarksOf(VerifyCaseRequest body) => body?.Remarks;

    protected override IReadOnlyList<string>? PhotosOf(VerifyCaseRequest body) => body?.AttachmentIds;

    protected override string? OutcomeOf(VerifyCaseRequest body) => body.Confirmed == true ? "confirmed" : "notConfirmed";

    protected override CaseDecision Decide(VerifyCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Reported)
        ?? CaseDecision.Allow(body.Confirmed == true ? facts : VoidCase.Voided(facts));
}
