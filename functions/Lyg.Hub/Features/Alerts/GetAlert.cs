using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Alerts;

/// <summary>GET v1/monitoring/alerts/{alertId}: one alert, for the operations centre; an unknown (or malformed) id is a 404.</summary>
public sealed class GetAlert(AlertStore alerts)
{
    public async Task<IResult> HandleAsync(HttpContext http, string alertId)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await alerts.FindAsync(alertId, http.RequestAborted) is { } alert
            ? TypedResults.Json(alert.ToView(), LygJsonContext.Wire.AlertView)
            : Problems.NotFound($"No alert {alertId}.");
    }
}
