using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Alerts;

/// <summary>
/// POST v1/monitoring/alerts/{alertId}/acknowledge (确认), without a body: the operations centre has seen the alert. A
/// raised alert becomes acknowledged; one that already has its case or has cleared keeps its state and records who saw
/// it. Acknowledging again answers the alert as it is, so a retry is harmless.
/// </summary>
public sealed class AcknowledgeAlert(AlertDesk desk)
{
    public async Task<IResult> HandleAsync(HttpContext http, string alertId)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await desk.AcknowledgeAsync(alertId, http.GetCaller(), http.RequestAborted) is { } alert
            ? TypedResults.Json(alert.ToView(), LygJsonContext.Wire.AlertView)
            : Problems.NotFound($"No alert {alertId}.");
    }
}
