using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Dev;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Machine;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Units;
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

        api.MapMethods(ApiRoutes.Health, [ApiEndpoints.Health.Method],
                (HttpContext http, [FromServices] DurableTaskClient durable, [FromServices] CheckHealth handler) => handler.HandleAsync(http, durable))
            .Gated(ApiEndpoints.Health);
        if (!serveApi)
        {
            return app;
        }

        api.MapMethods(ApiRoutes.Reports, [ApiEndpoints.SubmitReport.Method],
                (HttpContext http, [FromServices] DurableTaskClient durable, [FromServices] SubmitReport handler) => handler.HandleAsync(http, durable))
            .Gated(ApiEndpoints.SubmitReport);

        api.MapMethods(ApiRoutes.Case, [ApiEndpoints.GetCase.Method],
                (HttpContext http, string caseId, [FromServices] DurableTaskClient durable, [FromServices] GetCase handler) => handler.HandleAsync(http, durable, caseId))
            .Gated(ApiEndpoints.GetCase);

        api.MapMethods(ApiRoutes.CaseAction, [ApiEndpoints.ApplyCaseAction.Method],
                (HttpContext http, string caseId, string action, [FromServices] DurableTaskClient durable, [FromServices] ApplyCaseAction handler) =>
                    handler.HandleAsync(http, durable, caseId, action))
            .Gated(ApiEndpoints.ApplyCaseAction);

        api.MapMethods(ApiRoutes.Cases, [ApiEndpoints.ListCases.Method],
                (HttpContext http, [FromServices] ListCases handler) => handler.HandleAsync(http))
            .Gated(ApiEndpoints.ListCases);

        api.MapMethods(ApiRoutes.Slips, [ApiEndpoints.ListSlips.Method],
                (HttpContext http, [FromServices] ListSlips handler) => handler.HandleAsync(http))
            .Gated(ApiEndpoints.ListSlips);

        api.MapMethods(ApiRoutes.Units, [ApiEndpoints.ListUnits.Method],
                (HttpContext http, [FromServices] ListUnits handler) => handler.HandleAsync(http))
            .Gated(ApiEndpoints.ListUnits);

        api.MapMethods(ApiRoutes.Unit, [ApiEndpoints.GetUnit.Method],
                (HttpContext http, string unitCode, [FromServices] GetUnit handler) => handler.HandleAsync(http, unitCode))
            .Gated(ApiEndpoints.GetUnit);

        api.MapMethods(ApiRoutes.Unit, [ApiEndpoints.UpsertUnit.Method],
                (HttpContext http, string unitCode, [FromServices] UpsertUnit handler) => handler.HandleAsync(http, unitCode))
            .Gated(ApiEndpoints.UpsertUnit);

        api.MapMethods(ApiRoutes.Codes, [ApiEndpoints.ListCodes.Method],
                (HttpContext http, [FromServices] ListCodes handler) => handler.Handle(http))
            .Gated(ApiEndpoints.ListCodes);

        api.MapMethods(ApiRoutes.GeoLocate, [ApiEndpoints.Locate.Method],
                (HttpContext http, [FromServices] LocatePoint handler) => handler.Handle(http))
            .Gated(ApiEndpoints.Locate);

        api.MapMethods(ApiRoutes.NearestComponents, [ApiEndpoints.FindNearestComponents.Method],
                (HttpContext http, [FromServices] FindNearestComponents handler) => handler.HandleAsync(http))
            .Gated(ApiEndpoints.FindNearestComponents);

        api.MapMethods(ApiRoutes.Component, [ApiEndpoints.GetComponent.Method],
                (HttpContext http, string componentId, [FromServices] GetComponent handler) => handler.HandleAsync(http, componentId))
            .Gated(ApiEndpoints.GetComponent);

        api.MapMethods(ApiRoutes.CalendarYear, [ApiEndpoints.GetCalendarYear.Method],
                (HttpContext http, string year, [FromServices] GetCalendarYear handler) => handler.HandleAsync(http, year))
            .Gated(ApiEndpoints.GetCalendarYear);

        api.MapMethods(ApiRoutes.CalendarYear, [ApiEndpoints.PutCalendarYear.Method],
                (HttpContext http, string year, [FromServices] DurableTaskClient durable, [FromServices] PutCalendarYear handler) =>
                    handler.HandleAsync(http, durable, year))
            .Gated(ApiEndpoints.PutCalendarYear);

        api.MapMethods(ApiRoutes.MachinePing, [ApiEndpoints.MachinePing.Method], (HttpContext http) => MachinePing.Handle(http))
            .Gated(ApiEndpoints.MachinePing);

        if (issueDevTokens)
        {
            api.MapPost(ApiRoutes.DevTokens, (HttpContext http, [FromServices] IssueDevToken handler) => handler.HandleAsync(http));
        }

        return app;
    }

    /// <summary>Puts <see cref="ApiGate"/> in front of the endpoint, as the Functions middleware does for its twin.</summary>
    private static RouteHandlerBuilder Gated(this RouteHandlerBuilder route, ApiEndpoint endpoint) =>
        route.WithName(endpoint.Name).AddEndpointFilter(async (context, next) =>
        {
            var gate = context.HttpContext.RequestServices.GetRequiredService<ApiGate>();
            return await gate.RunAsync(context.HttpContext, endpoint, async () => await next(context));
        });
}
