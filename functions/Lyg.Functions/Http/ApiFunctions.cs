using Lyg.Hub.Api;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Http;

/// <summary>
/// HTTP triggers: one line each, routed by the shared <see cref="ApiRoutes"/>. Authorisation level is anonymous
/// because <see cref="ApiGateMiddleware"/> checks every endpoint's scheme (bearer token, signature, api_key) and roles.
/// </summary>
public sealed class ApiFunctions(
    CheckHealth checkHealth,
    SubmitReport submitReport,
    ListCases listCases,
    GetCase getCase,
    ApplyCaseAction applyCaseAction,
    ListSlips listSlips,
    ListUnits listUnits,
    GetUnit getUnit,
    UpsertUnit upsertUnit,
    ListCodes listCodes,
    LocatePoint locatePoint,
    FindNearestComponents findNearestComponents,
    GetComponent getComponent,
    GetCalendarYear getCalendarYear,
    PutCalendarYear putCalendarYear)
{
    [Function(ApiEndpointNames.Health)]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        (await checkHealth.HandleAsync(request.HttpContext, durable)).AsActionResult();

    [Function(ApiEndpointNames.SubmitReport)]
    public async Task<IActionResult> SubmitReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Reports)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        (await submitReport.HandleAsync(request.HttpContext, durable)).AsActionResult();

    [Function(ApiEndpointNames.GetCase)]
    public async Task<IActionResult> GetCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Case)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string caseId) =>
        (await getCase.HandleAsync(request.HttpContext, durable, caseId)).AsActionResult();

    [Function(ApiEndpointNames.ApplyCaseAction)]
    public async Task<IActionResult> ApplyCaseAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CaseAction)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string caseId,
        string action) =>
        (await applyCaseAction.HandleAsync(request.HttpContext, durable, caseId, action)).AsActionResult();

    [Function(ApiEndpointNames.ListCases)]
    public async Task<IActionResult> ListCases(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Cases)] HttpRequest request) =>
        (await listCases.HandleAsync(request.HttpContext)).AsActionResult();

    [Function(ApiEndpointNames.ListSlips)]
    public async Task<IActionResult> ListSlips(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Slips)] HttpRequest request) =>
        (await listSlips.HandleAsync(request.HttpContext)).AsActionResult();

    [Function(ApiEndpointNames.ListUnits)]
    public async Task<IActionResult> ListUnits(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Units)] HttpRequest request) =>
        (await listUnits.HandleAsync(request.HttpContext)).AsActionResult();

    [Function(ApiEndpointNames.GetUnit)]
    public async Task<IActionResult> GetUnit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Unit)] HttpRequest request,
        string unitCode) =>
        (await getUnit.HandleAsync(request.HttpContext, unitCode)).AsActionResult();

    [Function(ApiEndpointNames.UpsertUnit)]
    public async Task<IActionResult> UpsertUnit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Unit)] HttpRequest request,
        string unitCode) =>
        (await upsertUnit.HandleAsync(request.HttpContext, unitCode)).AsActionResult();

    [Function(ApiEndpointNames.ListCodes)]
    public IActionResult ListCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Codes)] HttpRequest request) =>
        listCodes.Handle(request.HttpContext).AsActionResult();

    [Function(ApiEndpointNames.Locate)]
    public IActionResult Locate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.GeoLocate)] HttpRequest request) =>
        locatePoint.Handle(request.HttpContext).AsActionResult();

    [Function(ApiEndpointNames.FindNearestComponents)]
    public async Task<IActionResult> FindNearestComponents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.NearestComponents)] HttpRequest request) =>
        (await findNearestComponents.HandleAsync(request.HttpContext)).AsActionResult();

    [Function(ApiEndpointNames.GetComponent)]
    public async Task<IActionResult> GetComponent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Component)] HttpRequest request,
        string componentId) =>
        (await getComponent.HandleAsync(request.HttpContext, componentId)).AsActionResult();

    [Function(ApiEndpointNames.GetCalendarYear)]
    public async Task<IActionResult> GetCalendarYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CalendarYear)] HttpRequest request,
        string year) =>
        (await getCalendarYear.HandleAsync(request.HttpContext, year)).AsActionResult();

    [Function(ApiEndpointNames.PutCalendarYear)]
    public async Task<IActionResult> PutCalendarYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.CalendarYear)] HttpRequest request,
        [DurableClient] DurableTaskClient durable,
        string year) =>
        (await putCalendarYear.HandleAsync(request.HttpContext, durable, year)).AsActionResult();

    [Function(ApiEndpointNames.MachinePing)]
    public static IActionResult MachinePing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MachinePing)] HttpRequest request) =>
        Hub.Features.Machine.MachinePing.Handle(request.HttpContext).AsActionResult();
}
