using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Cases;

/// <summary>立案: an operator or shift lead accepts a reported case with its category and urgency.</summary>
public sealed class RegisterCase : CaseAction<RegisterCaseRequest>
{
    public const int MaxReasonLength = 500;

    private static readonly IReadOnlySet<CaseState> From = StatesOf(CaseState.Reported);

    public override string Name => CaseActionNames.Register;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead);

    protected override JsonTypeInfo<RegisterCaseRequest> BodyType => LygJsonContext.Default.RegisterCaseRequest;

    public override Dictionary<string, string[]> Validate(RegisterCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (!CategoryCode.IsWellFormed(body.CategoryCode))
        {
            errors["categoryCode"] = ["Registration needs a category code. " + CategoryCode.ShapeError];
        }

        if (body.Urgency is null)
        {
            errors["urgency"] = ["Registration needs an urgency: normal or urgent."];
        }

        if (body.Reason is { Length: > MaxReasonLength })
        {
            errors["reason"] = [$"At most {MaxReasonLength} characters."];
        }

        return errors;
    }

    protected override CaseTransition ToTransition(RegisterCaseRequest body, Caller caller, DateTimeOffset now) => new(
        Name, From, CaseState.Registered, caller.Subject, caller.ActingRole(AllowedRoles), now, body.Reason,
        CategoryCode: body.CategoryCode, Urgency: body.Urgency);
}
