using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>回访评价: the citizen who reported rates a closed case once: 满意, 基本满意 or 不满意, with a comment.</summary>
public sealed class RateCase(StageClocks clocks) : CaseAction<RateCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Rate;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Citizen);

    protected override JsonTypeInfo<RateCaseRequest> BodyType => LygJsonContext.Default.RateCaseRequest;

    public override Dictionary<string, string[]> Validate(RateCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        EnumFields.Required(body.Satisfaction, "satisfaction", "Rate with satisfied, basicallySatisfied or dissatisfied.", errors);

        LimitText(errors, "comment", body.Comment);
        return errors;
    }

    protected override string? ReasonOf(RateCaseRequest body) => body.Comment;

    protected override CaseDecision Decide(RateCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(facts);
        if (!caller.Reported(facts))
        {
            return CaseDecision.NotYours("Only the citizen who reported the case rates it.");
        }

        return RequireState(facts, CaseState.Closed)
            ?? (facts.Satisfaction is not null
                ? CaseDecision.Conflict("The case has already been rated.")
                : CaseDecision.Allow(facts with { Satisfaction = body.Satisfaction }));
    }
}
