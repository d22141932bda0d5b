using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Places;
using Lyg.Orchestrations.Geo;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// PUT v1/inspectors/{inspectorId}: an administrator creates (201) or replaces (200) an inspector — name, patrol areas
/// (unit grids and communities of the place map in force), active. The id is the subject of the inspector's token.
/// </summary>
public sealed class UpsertInspector(InspectorStore inspectors, CurrentPlaces places)
{
    public const int MaxNameLength = 100;
    public const int MaxPatrolAreas = 500;

    public async Task<IResult> HandleAsync(HttpContext http, string inspectorId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (request, unreadable) = await JsonBody.ReadAsync(http.Request, LygJsonContext.Default.UpsertInspectorRequest, http.RequestAborted);
        if (request is null)
        {
            return unreadable!;
        }

        var errors = Validate(inspectorId, request, places.Map);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var inspector = new InspectorView(inspectorId, request.Name!.Trim(), [.. request.PatrolAreas!.Select(a => a!)], request.Active ?? true);
        if (await inspectors.UpsertAsync(inspector, http.RequestAborted))
        {
            http.Response.Headers.Location = ApiRoutes.InspectorUrl(inspectorId);
            return TypedResults.Json(inspector, LygJsonContext.Wire.InspectorView, statusCode: StatusCodes.Status201Created);
        }

        return TypedResults.Json(inspector, LygJsonContext.Wire.InspectorView);
    }

    /// <summary>Field errors keyed by JSON name (the route's id as <c>inspectorId</c>, each bad area as <c>patrolAreas[i]</c>).</summary>
    public static Dictionary<string, string[]> Validate(string inspectorId, UpsertInspectorRequest request, PlaceMap map)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(map);
        var errors = new Dictionary<string, string[]>();
        if (!InspectorStore.IsWellFormedId(inspectorId))
        {
            errors["inspectorId"] = [InspectorStore.IdShapeError];
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"A name of 1 to {MaxNameLength} characters is required."];
        }

        if (request.PatrolAreas is not { Count: > 0 } areas)
        {
            errors["patrolAreas"] = ["Name at least one unit grid (15 digits) or community (12 digits) the inspector patrols."];
            return errors;
        }

        if (areas.Count > MaxPatrolAreas)
        {
            errors["patrolAreas"] = [$"At most {MaxPatrolAreas} places."];
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < areas.Count; i++)
        {
            var code = areas[i];
            string? error = code switch
            {
                null or { Length: 0 } => "A place code may not be empty.",
                _ when code.Length is not (12 or 15) || !code.All(char.IsAsciiDigit) => $"{code} is not a unit grid (15 digits) or community (12 digits) code.",
                _ when map.Find(code) is null => $"{code} is not a place of the place map in force ({map.Label}).",
                _ when !seen.Add(code) => $"{code} is listed twice.",
                _ => null,
            };
            if (error is not null)
            {
                errors[$"patrolAreas[{i}]"] = [error];
            }
        }

        return errors;
    }
}
