using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Lyg.Functions.Http;

/// <summary>
/// HTTP triggers: one line per catalogue entry, with the route and method the entry declares (a parity test compares
/// them with functions.metadata). Authorisation level is anonymous because <see cref="ApiGateMiddleware"/> runs the
/// gate — scheme, caller, roles, time budget — for every endpoint in the catalogue.
/// </summary>
public sealed class ApiFunctions
{
    [Function(ApiEndpointNames.Health)]
    public static Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Health, request, durable, function);

    [Function(ApiEndpointNames.SubmitReport)]
    public static Task<IActionResult> SubmitReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Reports)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.SubmitReport, request, durable, function);

    [Function(ApiEndpointNames.UploadAttachment)]
    public static Task<IActionResult> UploadAttachment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Attachments)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.UploadAttachment, request, durable, function);

    [Function(ApiEndpointNames.GetAttachment)]
    public static Task<IActionResult> GetAttachment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Attachment)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetAttachment, request, durable, function);

    [Function(ApiEndpointNames.GetAttachmentThumbnail)]
    public static Task<IActionResult> GetAttachmentThumbnail([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AttachmentThumbnail)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetAttachmentThumbnail, request, durable, function);

    [Function(ApiEndpointNames.GetAttachmentMetadata)]
    public static Task<IActionResult> GetAttachmentMetadata([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.AttachmentMetadata)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetAttachmentMetadata, request, durable, function);

    [Function(ApiEndpointNames.GetCase)]
    public static Task<IActionResult> GetCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Case)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetCase, request, durable, function);

    [Function(ApiEndpointNames.ApplyCaseAction)]
    public static Task<IActionResult> ApplyCaseAction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CaseAction)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ApplyCaseAction, request, durable, function);

    [Function(ApiEndpointNames.ListCases)]
    public static Task<IActionResult> ListCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Cases)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListCases, request, durable, function);

    [Function(ApiEndpointNames.ListSlips)]
    public static Task<IActionResult> ListSlips([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Slips)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListSlips, request, durable, function);

    [Function(ApiEndpointNames.ListUnits)]
    public static Task<IActionResult> ListUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Units)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListUnits, request, durable, function);

    [Function(ApiEndpointNames.GetUnit)]
    public static Task<IActionResult> GetUnit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Unit)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetUnit, request, durable, function);

    [Function(ApiEndpointNames.UpsertUnit)]
    public static Task<IActionResult> UpsertUnit([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Unit)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.UpsertUnit, request, durable, function);

    [Function(ApiEndpointNames.GetInspector)]
    public static Task<IActionResult> GetInspector([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Inspector)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetInspector, request, durable, function);

    [Function(ApiEndpointNames.UpsertInspector)]
    public static Task<IActionResult> UpsertInspector([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Inspector)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.UpsertInspector, request, durable, function);

    [Function(ApiEndpointNames.ListInspectorTasks)]
    public static Task<IActionResult> ListInspectorTasks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.InspectorTasks)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListInspectorTasks, request, durable, function);

    [Function(ApiEndpointNames.CompleteInspectionTask)]
    public static Task<IActionResult> CompleteInspectionTask([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CompleteInspectorTask)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.CompleteInspectionTask, request, durable, function);

    [Function(ApiEndpointNames.ListCodes)]
    public static Task<IActionResult> ListCodes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Codes)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListCodes, request, durable, function);

    [Function(ApiEndpointNames.Locate)]
    public static Task<IActionResult> Locate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.GeoLocate)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Locate, request, durable, function);

    [Function(ApiEndpointNames.FindNearestComponents)]
    public static Task<IActionResult> FindNearestComponents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.NearestComponents)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.FindNearestComponents, request, durable, function);

    [Function(ApiEndpointNames.GetComponent)]
    public static Task<IActionResult> GetComponent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Component)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetComponent, request, durable, function);

    [Function(ApiEndpointNames.GetCalendarYear)]
    public static Task<IActionResult> GetCalendarYear([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CalendarYear)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetCalendarYear, request, durable, function);

    [Function(ApiEndpointNames.PutCalendarYear)]
    public static Task<IActionResult> PutCalendarYear([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.CalendarYear)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.PutCalendarYear, request, durable, function);

    [Function(ApiEndpointNames.MachinePing)]
    public static Task<IActionResult> MachinePing([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MachinePing)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.MachinePing, request, durable, function);

    [Function(ApiEndpointNames.ReceiveHotlineWorkOrder)]
    public static Task<IActionResult> ReceiveHotlineWorkOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.HotlineWorkOrders)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ReceiveHotlineWorkOrder, request, durable, function);

    [Function(ApiEndpointNames.ReceiveHotlineCallback)]
    public static Task<IActionResult> ReceiveHotlineCallback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.HotlineCallbacks)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ReceiveHotlineCallback, request, durable, function);

    [Function(ApiEndpointNames.PostTelemetry)]
    public static Task<IActionResult> PostTelemetry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Telemetry)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.PostTelemetry, request, durable, function);

    [Function(ApiEndpointNames.ListAlerts)]
    public static Task<IActionResult> ListAlerts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringAlerts)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListAlerts, request, durable, function);

    [Function(ApiEndpointNames.GetAlert)]
    public static Task<IActionResult> GetAlert([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringAlert)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetAlert, request, durable, function);

    [Function(ApiEndpointNames.AcknowledgeAlert)]
    public static Task<IActionResult> AcknowledgeAlert([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.AcknowledgeMonitoringAlert)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.AcknowledgeAlert, request, durable, function);
    [Function(ApiEndpointNames.PostVehiclePositions)]
    public static Task<IActionResult> PostVehiclePositions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.VehiclePositions)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.PostVehiclePositions, request, durable, function);

    [Function(ApiEndpointNames.ListVehiclePositions)]
    public static Task<IActionResult> ListVehiclePositions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringVehicles)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListVehiclePositions, request, durable, function);

    [Function(ApiEndpointNames.GetVehicleTrack)]
    public static Task<IActionResult> GetVehicleTrack([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringVehicleTrack)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetVehicleTrack, request, durable, function);
    [Function(ApiEndpointNames.PostVideoAlerts)]
    public static Task<IActionResult> PostVideoAlerts([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.VideoAlerts)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.PostVideoAlerts, request, durable, function);
    [Function(ApiEndpointNames.ListAdvertisements)]
    public static Task<IActionResult> ListAdvertisements([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringAdvertisements)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListAdvertisements, request, durable, function);

    [Function(ApiEndpointNames.ListSensors)]
    public static Task<IActionResult> ListSensors([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringSensors)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListSensors, request, durable, function);

    [Function(ApiEndpointNames.GetSensor)]
    public static Task<IActionResult> GetSensor([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.MonitoringSensor)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.GetSensor, request, durable, function);

    [Function(ApiEndpointNames.ListOutboxMessages)]
    public static Task<IActionResult> ListOutboxMessages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OutboxMessages)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.ListOutboxMessages, request, durable, function);

    [Function(ApiEndpointNames.RedeliverOutboxMessage)]
    public static Task<IActionResult> RedeliverOutboxMessage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RedeliverOutboxMessage)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.RedeliverOutboxMessage, request, durable, function);

    [Function(ApiEndpointNames.Open311Discovery)]
    public static Task<IActionResult> Open311Discovery([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311Discovery)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311Discovery, request, durable, function);

    [Function(ApiEndpointNames.Open311Services)]
    public static Task<IActionResult> Open311Services([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311Services)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311Services, request, durable, function);

    [Function(ApiEndpointNames.Open311ServiceDefinition)]
    public static Task<IActionResult> Open311ServiceDefinition([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311ServiceDefinition)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311ServiceDefinition, request, durable, function);

    [Function(ApiEndpointNames.Open311PostRequest)]
    public static Task<IActionResult> Open311PostRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Open311Requests)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311PostRequest, request, durable, function);

    [Function(ApiEndpointNames.Open311ListRequests)]
    public static Task<IActionResult> Open311ListRequests([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311Requests)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311ListRequests, request, durable, function);

    [Function(ApiEndpointNames.Open311GetRequest)]
    public static Task<IActionResult> Open311GetRequest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311Request)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311GetRequest, request, durable, function);

    [Function(ApiEndpointNames.Open311GetToken)]
    public static Task<IActionResult> Open311GetToken([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Open311Token)] HttpRequest request, [DurableClient] DurableTaskClient durable, FunctionContext function) =>
        Serve(ApiEndpoints.Open311GetToken, request, durable, function);

    private static async Task<IActionResult> Serve(ApiEndpoint endpoint, HttpRequest request, DurableTaskClient durable, FunctionContext function)
    {
        // Route parameters reach the worker as binding data; handlers read them from the request as in the standalone host.
        foreach (var (name, value) in function.BindingContext.BindingData)
        {
            if (endpoint.Route.Contains("{" + name, StringComparison.Ordinal) && !request.RouteValues.ContainsKey(name))
            {
                request.RouteValues[name] = value;
            }
        }

        return (await endpoint.ServeAsync(new ApiCall(request.HttpContext, durable))).AsActionResult();
    }
}
