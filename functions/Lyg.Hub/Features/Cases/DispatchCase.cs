using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>派单: a dispatcher sends a registered (or returned) case to a known, active responsible unit.</summary>
public sealed class DispatchCase(StageClocks clocks, UnitStore units) : CaseAction<DispatchCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Dispatch;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Dispatcher);

    protected override JsonTypeInfo<DispatchCaseRequest> BodyType => LygJsonContext.Default.DispatchCaseRequest;

    public override Dictionary<string, string[]> Validate(DispatchCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.UnitCode))
        {
            errors["unitCode"] = ["Dispatch needs the code of the responsible unit."];
        }

        LimitText(errors, "instructions", body.Instructions);
        return errors;
    }

    protected override async Task<IResult?> CheckAsync(DispatchCaseRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var unit = await units.FindAsync(body.UnitCode!, cancellationToken);
        return unit is { Active: true }
            ? null
            : Problems.Validation(new Dictionary<string, string[]> { ["unitCode"] = [$"No active unit {body.UnitCode}."] });
    }

    protected override string? ReasonOf(DispatchCaseRequest body) => body.Instructions;

    protected override CaseDecision Decide(DispatchCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Registered, CaseState.Returned)
        ?? CaseDecision.Allow(facts with { State = CaseState.Dispatched, AssignedUnit = body.UnitCode });
}
