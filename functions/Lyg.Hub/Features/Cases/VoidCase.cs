using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>作废: an operator or shift lead discards a case before it is dispatched (duplicate, out of scope, false), with a reason.</summary>
public sealed class VoidCase(StageClocks clocks) : CaseAction<VoidCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Void;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead);

    protected override JsonTypeInfo<VoidCaseRequest> BodyType => LygJsonContext.Default.VoidCaseRequest;

    public override Dictionary<string, string[]> Validate(VoidCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        RequireText(errors, "reason", body.Reason, "Voiding needs a reason");
        return errors;
    }

    protected override string? ReasonOf(VoidCaseRequest body) => body.Reason;

    protected override CaseDecision Decide(VoidCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Reported, CaseState.Registered, CaseState.Returned)
        ?? CaseDecision.Allow(Voided(facts));

    /// <summary>The case discarded: what 作废 and a verification that did not confirm the report both leave.</summary>
    internal static CaseFacts Voided(CaseFacts facts) => facts with { State = CaseState.Voided, AssignedUnit = null };
}
