using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 立案: an operator or shift lead accepts a reported case with its category and urgency. A case intake could not
/// place (its point in no grid then) is looked up again, so grids imported since then still place it. The category's
/// kind (component or event) is the one sent, else the report's when the code is unchanged, else the only kind the
/// code names.
/// </summary>
public sealed class RegisterCase(StageClocks clocks, CurrentPlaces places) : CaseAction<RegisterCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Register;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Operator, Roles.ShiftLead);

    protected override JsonTypeInfo<RegisterCaseRequest> BodyType => LygJsonContext.Default.RegisterCaseRequest;

    public override Dictionary<string, string[]> Validate(RegisterCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        var kind = EnumFields.Defined(body.CategoryKind, "categoryKind", errors);
        if (body.CategoryCode is null)
        {
            errors["categoryCode"] = ["Registration needs a category code. " + CategoryCode.ShapeError];
        }
        else if (CategoryCode.Check(body.CategoryCode, kind) is { } codeError)
        {
            errors["categoryCode"] = [codeError];
        }

        if (body.CategoryCode is null && kind is not null)
        {
            errors["categoryKind"] = [CategoryCode.KindWithoutCodeError];
        }

        EnumFields.Required(body.Urgency, "urgency", "Registration needs an urgency: normal or urgent.", errors);

        LimitText(errors, "reason", body.Reason);
        return errors;
    }

    protected override string? ReasonOf(RegisterCaseRequest body) => body.Reason;

    protected override Func<double, double, GridLocation?> LocateUnplaced => places.Locate;

    protected override CaseDecision Decide(RegisterCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Reported)
        ?? CaseDecision.Allow(facts with
        {
            State = CaseState.Registered,
            CategoryCode = body.CategoryCode,
            CategoryKind = CategoryCode.KindOf(body.CategoryCode, body.CategoryKind ?? (body.CategoryCode == facts.CategoryCode ? facts.CategoryKind : null)),
            Urgency = body.Urgency,
        });
}
