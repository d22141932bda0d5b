using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>延期申请: the unit asks for more working days; the handling clock pauses until the request is decided.</summary>
public sealed class RequestPostponement(StageClocks clocks) : CaseAction<RequestPostponementRequest>(clocks)
{
    public const int MaxExtraWorkingDays = 30;

    public override string Name => CaseActionNames.RequestPostponement;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Unit);

    protected override JsonTypeInfo<RequestPostponementRequest> BodyType => LygJsonContext.Default.RequestPostponementRequest;

    public override Dictionary<string, string[]> Validate(RequestPostponementRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.ExtraWorkingDays is not (>= 1 and <= MaxExtraWorkingDays))
        {
            errors["extraWorkingDays"] = [$"Ask for 1 to {MaxExtraWorkingDays} working days."];
        }

        RequireText(errors, "reason", body.Reason, "A postponement needs a reason");
        return errors;
    }

    protected override string? ReasonOf(RequestPostponementRequest body) => body.Reason;

    protected override CaseDecision Decide(RequestPostponementRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireOwnUnit(caller, facts)
        ?? RequireState(facts, CaseState.Dispatched, CaseState.Accepted)
        ?? (facts.Postponement is not null
            ? CaseDecision.Conflict("A postponement request is already waiting for a decision.")
            : CaseDecision.Allow(facts with
            {
                Postponement = new PendingPostponement(body.ExtraWorkingDays!.Value, now),
                Clock = facts.Clock is null ? null : StageClocks.Pause(facts.Clock, now),
            }));
}
