using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Orchestrations.Codes;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// GET v1/components/{componentId}: a component of the registry, for center staff and unit staff checking what a
/// report is about. A malformed id is a 400, an unknown one a 404.
/// </summary>
public sealed class GetComponent(ComponentStore components)
{
    public async Task<IResult> HandleAsync(HttpContext http, string componentId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!ComponentId.TryParse(componentId, out _))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["componentId"] = [ComponentFields.IdShapeError] });
        }

        return await components.FindAsync(componentId, http.RequestAborted) is { } component
            ? TypedResults.Json(component, LygJsonContext.Wire.ComponentView)
            : Problems.NotFound($"No component {componentId} in the registry.");
    }
}
