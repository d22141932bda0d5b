using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 核实: an inspector has been to the reported place. Confirmed leaves the case reported, the verification and its
/// photos on the timeline, for the operator to register (立案 needs the category and urgency the center decides);
/// not confirmed voids it (不属实, 作废) as <see cref="VoidCase"/> would. Inspectors take it by completing a verify task
/// (POST v1/inspector/tasks/{taskId}/complete); like <c>check</c>, it is open to them on the case too.
/// </summary>
public sealed class VerifyCase(StageClocks clocks) : CaseAction<VerifyCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Verify;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Inspector);

    protected override JsonTypeInfo<VerifyCaseRequest> BodyType => LygJsonContext.Default.VerifyCaseRequest;

    public override Dictionary<string, string[]> Validate(VerifyCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.Confirmed is null)
        {
            errors["confirmed"] = ["State whether the report was confirmed on site: true or false."];
        }
        else if (body.Confirmed == false)
        {
            RequireText(errors, "remarks", body.Remarks, "A report not confirmed needs remarks saying what was found");
        }

        LimitText(errors, "remarks", body.Remarks);
        AttachmentIds.Check(body.AttachmentIds, errors);
        return errors;
    }

    protected override string? ReasonOf(VerifyCaseRequest body) => body.Remarks;

    protected override IReadOnlyList<string> AttachmentsOf(VerifyCaseRequest body) => body.AttachmentIds ?? [];

    protected override string? OutcomeOf(VerifyCaseRequest body) => body.Confirmed == true ? "confirmed" : "notConfirmed";

    protected override CaseDecision Decide(VerifyCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Reported)
        ?? CaseDecision.Allow(body.Confirmed == true ? facts : VoidCase.Voided(facts));
}
