using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Inspection;

/// <summary>GET v1/inspectors/{inspectorId}: an inspector of the registry, for center staff and for the inspector themself.</summary>
public sealed class GetInspector(InspectorStore inspectors)
{
    public async Task<IResult> HandleAsync(HttpContext http, string inspectorId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = http.GetCaller();
        if (caller.ActingAs == Roles.Inspector && caller.Subject != inspectorId)
        {
            return Problems.NotFound($"There is no inspector {inspectorId} visible to you.");
        }

        return await inspectors.FindAsync(inspectorId, http.RequestAborted) is { } inspector
            ? TypedResults.Json(inspector, LygJsonContext.Wire.InspectorView)
            : Problems.NotFound($"There is no inspector {inspectorId}.");
    }
}
