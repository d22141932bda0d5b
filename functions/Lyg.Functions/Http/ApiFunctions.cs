using Lyg.Hub.Api;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Http;

/// <summary>
/// HTTP triggers: one line each, routed by the shared <see cref="ApiRoutes"/>. Authorisation level is anonymous
/// because <see cref="ApiGateMiddleware"/> checks bearer tokens and roles for every endpoint in the catalogue.
/// </summary>
public sealed class ApiFunctions(CheckHealth checkHealth, SubmitReport submitReport, GetCase getCase, ApplyCaseAction applyCaseAction)
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
}
