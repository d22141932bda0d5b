using System.Globalization;
using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Lyg.Hub.Api;

/// <summary>A request as every handler sees it, whichever host serves it: the HTTP context and the host's durable client.</summary>
public sealed record ApiCall(HttpContext Http, DurableTaskClient Durable)
{
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The caller the gate admitted; only on authenticated endpoints.</summary>
    public Caller Caller => Http.GetCaller();

    /// <summary>A route parameter as sent (the Functions host may bind digits as numbers; they are read back as text).</summary>
    public string Route(string name) =>
        Convert.ToString(Http.Request.RouteValues[name], CultureInfo.InvariantCulture)
        ?? throw new InvalidOperationException($"The route has no parameter {name}.");
}
