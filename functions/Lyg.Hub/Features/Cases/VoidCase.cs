using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Cases;

/// <summary>作废: an operator or shift lead discards a report that is no case (duplicate, out of scope, false), with a reason.</summary>
public sealed class VoidCase : CaseAction<VoidCaseRequest>
{
    public const int MaxReasonLength = 500;

    private static readonly IReadOnlySet<CaseState> From = StatesOf(CaseState.Reported);

    public override string Name => CaseActionNames.Void;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead);

    protected override JsonTypeInfo<VoidCaseRequest> BodyType => LygJsonContext.Default.VoidCaseRequest;

    public override Dictionary<string, string[]> Validate(VoidCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxReasonLength
            ? new() { ["reason"] = [$"Voiding needs a reason of 1 to {MaxReasonLength} characters."] }
            : [];
    }

    protected override CaseTransition ToTransition(VoidCaseRequest body, Caller caller, DateTimeOffset now) => new(
        Name, From, CaseState.Voided, caller.Subject, caller.ActingRole(AllowedRoles), now, body.Reason!.Trim());
}
