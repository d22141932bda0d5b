using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Dev;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Lyg.Standalone;

/// <summary>Maps the shared catalogue onto minimal-API routes; the handlers are the ones the Functions app calls.</summary>
public static class ApiEndpointMap
{
    /// <param name="serveApi">False for a host without the API role: only health is served, for liveness probes.</param>
    public static IEndpointRouteBuilder MapLygApi(this IEndpointRouteBuilder app, bool serveApi, bool issueDevTokens)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        foreach (var endpoint in serveApi ? ApiEndpoints.All : [ApiEndpoints.Health])
        {
            api.MapMethods(endpoint.Route, [endpoint.Method], (HttpContext http, [FromServices] DurableTaskClient durable) => endpoint.ServeAsync(new ApiCall(http, durable)))
                .WithName(endpoint.Name)
                .AddEndpointFilter(async (context, next) =>
                {
                    // The same gate the Functions middleware puts in front of the endpoint's twin.
                    var gate = context.HttpContext.RequestServices.GetRequiredService<ApiGate>();
                    return await gate.RunAsync(context.HttpContext, endpoint, async () => await next(context));
                });
        }

        if (serveApi && issueDevTokens)
        {
            // A Development affordance of this host only, so it is not in the catalogue the Functions app serves.
            api.MapPost(ApiRoutes.DevTokens, (HttpContext http, [FromServices] IssueDevToken handler) => handler.HandleAsync(http));
        }

        return app;
    }
}
