using System.Text.Json.Serialization.Metadata;
using Lyg.Contracts;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// 派单: a dispatcher sends a registered (or returned) case to a known, active responsible unit. Without a unit code
/// the routing table's suggestion for the case's category and place is taken, and the timeline says so.
/// </summary>
public sealed class DispatchCase(StageClocks clocks, UnitStore units, CaseStore cases, CaseRouting routing) : CaseAction<DispatchCaseRequest>(clocks)
{
    public override string Name => CaseActionNames.Dispatch;

    public override IReadOnlySet<string> AllowedRoles { get; } = RolesOf(Roles.Dispatcher);

    protected override JsonTypeInfo<DispatchCaseRequest> BodyType => LygJsonContext.Default.DispatchCaseRequest;

    public override Dictionary<string, string[]> Validate(DispatchCaseRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>();
        if (body.UnitCode is not null && string.IsNullOrWhiteSpace(body.UnitCode))
        {
            errors["unitCode"] = ["Give the code of the responsible unit, or leave it out to take the routing suggestion."];
        }

        LimitText(errors, "instructions", body.Instructions);
        return errors;
    }

    protected override async Task<(DispatchCaseRequest Body, IResult? Problem)> CheckAsync(
        string caseId, DispatchCaseRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.UnitCode is null)
        {
            return await SuggestedAsync(caseId, body, cancellationToken);
        }

        var unit = await units.FindAsync(body.UnitCode, cancellationToken);
        return (body, unit is { Active: true } ? null : UnitProblem($"No active unit {body.UnitCode}."));
    }

    // A missing case is left to the transition, which answers 404 as for every action.
    private async Task<(DispatchCaseRequest Body, IResult? Problem)> SuggestedAsync(
        string caseId, DispatchCaseRequest body, CancellationToken cancellationToken)
    {
        var stored = await cases.FindAsync(caseId, cancellationToken);
        if (stored is null)
        {
            return (body, null);
        }

        var suggestion = routing.Suggest(stored.Facts.CategoryCode, stored.Facts.CategoryKind, stored.Place, stored.Component);
        if (suggestion is null)
        {
            return (body, UnitProblem("No routing rule covers this case, so no suggestion is available; give the unit code."));
        }

        if (await units.FindAsync(suggestion.Unit, cancellationToken) is not { Active: true })
        {
            return (body, UnitProblem($"The suggested unit {suggestion.Unit} is not an active unit, so no suggestion is available; give the unit code."));
        }

        var reason = $"Routed by {suggestion.Rule}." + (string.IsNullOrWhiteSpace(body.Instructions) ? "" : " " + body.Instructions.Trim());
        return (body with { UnitCode = suggestion.Unit, Instructions = reason }, null);
    }

    private static IResult UnitProblem(string detail) => Problems.Validation(new Dictionary<string, string[]> { ["unitCode"] = [detail] });

    protected override string? ReasonOf(DispatchCaseRequest body) => body.Instructions;

    protected override CaseDecision Decide(DispatchCaseRequest body, Caller caller, CaseFacts facts, DateTimeOffset now) =>
        RequireState(facts, CaseState.Registered, CaseState.Returned)
        ?? CaseDecision.Allow(facts with { State = CaseState.Dispatched, AssignedUnit = body.UnitCode });
}
