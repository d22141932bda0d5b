using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// POST v1/cases/{caseId}/actions/assign-inspector <c>{inspectorId?, note?}</c>: the center (operator, shift lead,
/// dispatcher) gives a reported case's 核实 task or a handled case's 核查 task to an inspector — the one named, else
/// the one whose patrol area holds the case — through <see cref="GiveInspectionTask"/>. A retry with the same key
/// writes the task again if a failure came between the case action and the task.
/// </summary>
public sealed class AssignInspector(CaseStore cases, InspectorStore inspectors, PatrolAreas patrol, GiveInspectionTask give)
{
    private static readonly IReadOnlySet<string> Center = new HashSet<string>(StringComparer.Ordinal) { Roles.Operator, Roles.ShiftLead, Roles.Dispatcher };

    public async Task<IResult> HandleAsync(HttpContext http, DurableTaskClient durable, string caseId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var cancellationToken = http.RequestAborted;
        var caller = http.GetCaller();
        if (caller.ActingRole(Center) is null)
        {
            return Problems.Forbidden($"'{CaseActionNames.AssignInspector}' needs one of the roles: {string.Join(", ", Center.Order(StringComparer.Ordinal))}.");
        }

        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.AssignInspectorRequest, cancellationToken);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = new Dictionary<string, string[]>();
        if (request.InspectorId is not null && !InspectorStore.IsWellFormedId(request.InspectorId))
        {
            errors["inspectorId"] = [InspectorStore.IdShapeError];
        }

        if (request.Note is { Length: > CaseAction<AssignInspectorRequest>.MaxTextLength })
        {
            errors["note"] = [$"At most {CaseAction<AssignInspectorRequest>.MaxTextLength} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // Center staff see every case; the case command checks visibility again when it records the assignment.
        var found = await cases.FindAsync(caseId, cancellationToken);
        if (found is null)
        {
            return Problems.NotFound($"No case {caseId} is visible to you.");
        }

        InspectionKind? kind = found.Facts.State switch
        {
            CaseState.Reported => InspectionKind.Verify,
            CaseState.Handled => InspectionKind.Check,
            _ => null,
        };
        if (kind is null)
        {
            return Problems.StateConflict(
                $"Case {caseId}: the case is {CaseAction<AssignInspectorRequest>.Wire(found.Facts.State)}; inspectors verify reported cases and check handled ones.");
        }

        InspectorView? inspector;
        if (request.InspectorId is { } named)
        {
            inspector = await inspectors.FindAsync(named, cancellationToken);
            if (inspector is not { Active: true })
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["inspectorId"] = [$"There is no active inspector {named} in the registry."] });
            }
        }
        else
        {
            inspector = await patrol.InspectorForAsync(found.Place, cancellationToken);
            if (inspector is null)
            {
                return Problems.Conflict(
                    "no-inspector",
                    "No inspector patrols the case's place.",
                    found.Place is null
                        ? $"Case {caseId} lies in no unit grid; name the inspector with inspectorId."
                        : $"No active inspector patrols grid {found.Place.Grid} or community {found.Place.Community.Code}; name one with inspectorId or add the place to a patrol area (PUT v1/inspectors/{{inspectorId}}).");
            }
        }

        var key = http.Request.Headers.TryGetValue(RequestKey.HeaderName, out var header) ? header.ToString() : null;
        var (task, problem) = await give.GiveAsync(found, kind.Value, inspector, request.Note, caller, key, durable, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var statusUrl = ApiRoutes.CaseUrl(caseId);
        http.Response.Headers.Location = statusUrl;
        return TypedResults.Json(
            new InspectionTaskAssigned(caseId, task!.RowKey, kind.Value, inspector.InspectorId, task.DueAt, statusUrl),
            LygJsonContext.Wire.InspectionTaskAssigned,
            statusCode: StatusCodes.Status202Accepted);
    }
}
