using Lyg.Contracts;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Codes;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Geo;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Machine;
using Lyg.Hub.Features.Open311;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Reports;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Features.Sensors;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Features.Vehicles;
using Lyg.Hub.Features.Video;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Api;

/// <summary>Operation names; each is also the name of the Functions app's function that serves it.</summary>
public static class ApiEndpointNames
{
    public const string Health = "Health";
    public const string SubmitReport = "SubmitReport";
    public const string UploadAttachment = "UploadAttachment";
    public const string GetAttachment = "GetAttachment";
    public const string GetAttachmentThumbnail = "GetAttachmentThumbnail";
    public const string GetAttachmentMetadata = "GetAttachmentMetadata";
    public const string GetCase = "GetCase";
    public const string ApplyCaseAction = "ApplyCaseAction";
    public const string ListCases = "ListCases";
    public const string ListSlips = "ListSlips";
    public const string ListUnits = "ListUnits";
    public const string GetUnit = "GetUnit";
    public const string UpsertUnit = "UpsertUnit";
    public const string GetInspector = "GetInspector";
    public const string UpsertInspector = "UpsertInspector";
    public const string ListInspectorTasks = "ListInspectorTasks";
    public const string CompleteInspectionTask = "CompleteInspectionTask";
    public const string Locate = "Locate";
    public const string ListCodes = "ListCodes";
    public const string GetCalendarYear = "GetCalendarYear";
    public const string PutCalendarYear = "PutCalendarYear";
    public const string FindNearestComponents = "FindNearestComponents";
    public const string GetComponent = "GetComponent";
    public const string MachinePing = "MachinePing";
    public const string ReceiveHotlineWorkOrder = "ReceiveHotlineWorkOrder";
    public const string ReceiveHotlineCallback = "ReceiveHotlineCallback";
    public const string PostTelemetry = "PostTelemetry";
    public const string ListAlerts = "ListAlerts";
    public const string GetAlert = "GetAlert";
    public const string AcknowledgeAlert = "AcknowledgeAlert";
    public const string PostVehiclePositions = "PostVehiclePositions";
    public const string ListVehiclePositions = "ListVehiclePositions";
    public const string GetVehicleTrack = "GetVehicleTrack";
    public const string PostVideoAlerts = "PostVideoAlerts";
    public const string ListSensors = "ListSensors";
    public const string ListAdvertisements = "ListAdvertisements";
    public const string GetSensor = "GetSensor";
    public const string ListOutboxMessages = "ListOutboxMessages";
    public const string RedeliverOutboxMessage = "RedeliverOutboxMessage";
    public const string Open311Discovery = "Open311Discovery";
    public const string Open311Services = "Open311Services";
    public const string Open311ServiceDefinition = "Open311ServiceDefinition";
    public const string Open311PostRequest = "Open311PostRequest";
    public const string Open311ListRequests = "Open311ListRequests";
    public const string Open311GetRequest = "Open311GetRequest";
    public const string Open311GetToken = "Open311GetToken";
}

/// <summary>The catalogue of every HTTP operation both hosts serve: adding an endpoint is adding an entry here.</summary>
public static class ApiEndpoints
{
    private static readonly string[] StaffAndUnits = [.. Roles.Staff, Roles.Unit];

    public static ApiEndpoint Health { get; } = ApiEndpoint.Of<CheckHealth>(
        ApiEndpointNames.Health, HttpMethods.Get, ApiRoutes.Health, ApiAccess.Anyone, (h, call) => h.HandleAsync(call.Http, call.Durable));

    public static ApiEndpoint SubmitReport { get; } = ApiEndpoint.Of<SubmitReport>(
        ApiEndpointNames.SubmitReport, HttpMethods.Post, ApiRoutes.Reports, ApiAccess.People(Roles.Citizen, Roles.Inspector),
        (h, call) => h.HandleAsync(call.Http, call.Durable));

    public static ApiEndpoint UploadAttachment { get; } = ApiEndpoint.Of<UploadAttachment>(
        ApiEndpointNames.UploadAttachment, HttpMethods.Post, ApiRoutes.Attachments, ApiAccess.People(Roles.Citizen, Roles.Inspector, Roles.Unit),
        (h, call) => h.HandleAsync(call.Http));

    /// <summary>Every person is admitted; the handler shows a photo only to its uploader, staff and its case's unit.</summary>
    public static ApiEndpoint GetAttachment { get; } = ApiEndpoint.Of<GetAttachment>(
        ApiEndpointNames.GetAttachment, HttpMethods.Get, ApiRoutes.Attachment, ApiAccess.People(Roles.People),
        (h, call) => h.HandleAsync(call.Http, call.Route("attachmentId"), AttachmentCopy.Photo));

    public static ApiEndpoint GetAttachmentThumbnail { get; } = ApiEndpoint.Of<GetAttachment>(
        ApiEndpointNames.GetAttachmentThumbnail, HttpMethods.Get, ApiRoutes.AttachmentThumbnail, ApiAccess.People(Roles.People),
        (h, call) => h.HandleAsync(call.Http, call.Route("attachmentId"), AttachmentCopy.Thumbnail));

    /// <summary>The EXIF location and device data are for center staff only.</summary>
    public static ApiEndpoint GetAttachmentMetadata { get; } = ApiEndpoint.Of<GetAttachmentMetadata>(
        ApiEndpointNames.GetAttachmentMetadata, HttpMethods.Get, ApiRoutes.AttachmentMetadata, ApiAccess.People(Roles.Staff),
        (h, call) => h.HandleAsync(call.Http, call.Route("attachmentId")));

    public static ApiEndpoint GetCase { get; } = ApiEndpoint.Of<GetCase>(
        ApiEndpointNames.GetCase, HttpMethods.Get, ApiRoutes.Case, ApiAccess.People(Roles.People),
        (h, call) => h.HandleAsync(call.Http, call.Durable, call.Route("caseId")));

    /// <summary>The route admits anyone who may perform some action; each action then checks its own roles.</summary>
    public static ApiEndpoint ApplyCaseAction { get; } = ApiEndpoint.Of<ApplyCaseAction>(
        ApiEndpointNames.ApplyCaseAction, HttpMethods.Post, ApiRoutes.CaseAction, ApiAccess.People(Roles.People),
        (h, call) => h.HandleAsync(call.Http, call.Durable, call.Route("caseId"), call.Route("action")));

    public static ApiEndpoint ListCases { get; } = ApiEndpoint.Of<ListCases>(
        ApiEndpointNames.ListCases, HttpMethods.Get, ApiRoutes.Cases, ApiAccess.People(Roles.People), (h, call) => h.HandleAsync(call.Http));

    /// <summary>Supervisors and the center see every slip; unit staff only those addressed to their unit.</summary>
    public static ApiEndpoint ListSlips { get; } = ApiEndpoint.Of<ListSlips>(
        ApiEndpointNames.ListSlips, HttpMethods.Get, ApiRoutes.Slips,
        ApiAccess.People(Roles.Supervisor, Roles.ShiftLead, Roles.Dispatcher, Roles.Admin, Roles.Unit), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint ListUnits { get; } = ApiEndpoint.Of<ListUnits>(
        ApiEndpointNames.ListUnits, HttpMethods.Get, ApiRoutes.Units, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint GetUnit { get; } = ApiEndpoint.Of<GetUnit>(
        ApiEndpointNames.GetUnit, HttpMethods.Get, ApiRoutes.Unit, ApiAccess.People(Roles.People),
        (h, call) => h.HandleAsync(call.Http, call.Route("unitCode")));

    public static ApiEndpoint UpsertUnit { get; } = ApiEndpoint.Of<UpsertUnit>(
        ApiEndpointNames.UpsertUnit, HttpMethods.Put, ApiRoutes.Unit, ApiAccess.People(Roles.Admin),
        (h, call) => h.HandleAsync(call.Http, call.Route("unitCode")));

    /// <summary>Center staff read the registry; an inspector reads only their own entry.</summary>
    public static ApiEndpoint GetInspector { get; } = ApiEndpoint.Of<GetInspector>(
        ApiEndpointNames.GetInspector, HttpMethods.Get, ApiRoutes.Inspector, ApiAccess.People(Roles.Staff),
        (h, call) => h.HandleAsync(call.Http, call.Route("inspectorId")));

    public static ApiEndpoint UpsertInspector { get; } = ApiEndpoint.Of<UpsertInspector>(
        ApiEndpointNames.UpsertInspector, HttpMethods.Put, ApiRoutes.Inspector, ApiAccess.People(Roles.Admin),
        (h, call) => h.HandleAsync(call.Http, call.Route("inspectorId")));

    /// <summary>The inspectors' app (城管通): each inspector their own tasks only.</summary>
    public static ApiEndpoint ListInspectorTasks { get; } = ApiEndpoint.Of<ListInspectorTasks>(
        ApiEndpointNames.ListInspectorTasks, HttpMethods.Get, ApiRoutes.InspectorTasks, ApiAccess.People(Roles.Inspector), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint CompleteInspectionTask { get; } = ApiEndpoint.Of<CompleteInspectionTask>(
        ApiEndpointNames.CompleteInspectionTask, HttpMethods.Post, ApiRoutes.CompleteInspectorTask, ApiAccess.People(Roles.Inspector),
        (h, call) => h.HandleAsync(call.Http, call.Durable, call.Route("taskId")));

    public static ApiEndpoint ListCodes { get; } = ApiEndpoint.Of<ListCodes>(
        ApiEndpointNames.ListCodes, HttpMethods.Get, ApiRoutes.Codes, ApiAccess.People(Roles.People), (h, call) => Task.FromResult(h.Handle(call.Http)));

    /// <summary>Staff place a report on the map before registering or dispatching it.</summary>
    public static ApiEndpoint Locate { get; } = ApiEndpoint.Of<LocatePoint>(
        ApiEndpointNames.Locate, HttpMethods.Get, ApiRoutes.GeoLocate, ApiAccess.People(Roles.Staff), (h, call) => Task.FromResult(h.Handle(call.Http)));

    /// <summary>Center staff and unit staff look up the components a report concerns.</summary>
    public static ApiEndpoint FindNearestComponents { get; } = ApiEndpoint.Of<FindNearestComponents>(
        ApiEndpointNames.FindNearestComponents, HttpMethods.Get, ApiRoutes.NearestComponents, ApiAccess.People(StaffAndUnits),
        (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint GetComponent { get; } = ApiEndpoint.Of<GetComponent>(
        ApiEndpointNames.GetComponent, HttpMethods.Get, ApiRoutes.Component, ApiAccess.People(StaffAndUnits),
        (h, call) => h.HandleAsync(call.Http, call.Route("componentId")));

    /// <summary>Everyone whose work the deadlines drive may read a calendar year; only an administrator loads one.</summary>
    public static ApiEndpoint GetCalendarYear { get; } = ApiEndpoint.Of<GetCalendarYear>(
        ApiEndpointNames.GetCalendarYear, HttpMethods.Get, ApiRoutes.CalendarYear, ApiAccess.People(StaffAndUnits),
        (h, call) => h.HandleAsync(call.Http, call.Route("year")));

    public static ApiEndpoint PutCalendarYear { get; } = ApiEndpoint.Of<PutCalendarYear>(
        ApiEndpointNames.PutCalendarYear, HttpMethods.Put, ApiRoutes.CalendarYear, ApiAccess.People(Roles.Admin),
        (h, call) => h.HandleAsync(call.Http, call.Durable, call.Route("year")));

    /// <summary>Integrators test their signing against it before anything else.</summary>
    public static ApiEndpoint MachinePing { get; } = ApiEndpoint.Of<MachinePing>(
        ApiEndpointNames.MachinePing, HttpMethods.Get, ApiRoutes.MachinePing, ApiAccess.Machines(Roles.Machines), (h, call) => Task.FromResult(h.Handle(call)));

    /// <summary>12345 pushes work orders (idempotent by work-order number) and reports its follow-up calls.</summary>
    public static ApiEndpoint ReceiveHotlineWorkOrder { get; } = ApiEndpoint.Of<ReceiveWorkOrder>(
        ApiEndpointNames.ReceiveHotlineWorkOrder, HttpMethods.Post, ApiRoutes.HotlineWorkOrders, ApiAccess.Machines(Roles.Hotline12345),
        (h, call) => h.HandleAsync(call.Http, call.Durable));

    public static ApiEndpoint ReceiveHotlineCallback { get; } = ApiEndpoint.Of<ReceiveCallback>(
        ApiEndpointNames.ReceiveHotlineCallback, HttpMethods.Post, ApiRoutes.HotlineCallbacks, ApiAccess.Machines(Roles.Hotline12345),
        (h, call) => h.HandleAsync(call.Http, call.Durable));

    /// <summary>Gateways send sensor readings, as Event Hubs carries them where it runs.</summary>
    public static ApiEndpoint PostTelemetry { get; } = ApiEndpoint.Of<PostTelemetry>(
        ApiEndpointNames.PostTelemetry, HttpMethods.Post, ApiRoutes.Telemetry, ApiAccess.Machines(Roles.Gateway), (h, call) => h.HandleAsync(call.Http, call.Durable));

    /// <summary>The operations centre watches graded alerts and acknowledges them.</summary>
    public static ApiEndpoint ListAlerts { get; } = ApiEndpoint.Of<ListAlerts>(
        ApiEndpointNames.ListAlerts, HttpMethods.Get, ApiRoutes.MonitoringAlerts, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint GetAlert { get; } = ApiEndpoint.Of<GetAlert>(
        ApiEndpointNames.GetAlert, HttpMethods.Get, ApiRoutes.MonitoringAlert, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http, call.Route("alertId")));

    public static ApiEndpoint AcknowledgeAlert { get; } = ApiEndpoint.Of<AcknowledgeAlert>(
        ApiEndpointNames.AcknowledgeAlert, HttpMethods.Post, ApiRoutes.AcknowledgeMonitoringAlert, ApiAccess.People(Roles.Operator, Roles.ShiftLead, Roles.Dispatcher),
        (h, call) => h.HandleAsync(call.Http, call.Route("alertId")));
    /// <summary>Gateways of vehicle terminals (GPS) send positions, as Event Hubs carries them where it runs.</summary>
    public static ApiEndpoint PostVehiclePositions { get; } = ApiEndpoint.Of<PostPositions>(
        ApiEndpointNames.PostVehiclePositions, HttpMethods.Post, ApiRoutes.VehiclePositions, ApiAccess.Machines(Roles.Gateway), (h, call) => h.HandleAsync(call.Http, call.Durable));

    /// <summary>The operations centre's map of vehicles, and a vehicle's track.</summary>
    public static ApiEndpoint ListVehiclePositions { get; } = ApiEndpoint.Of<ListVehiclePositions>(
        ApiEndpointNames.ListVehiclePositions, HttpMethods.Get, ApiRoutes.MonitoringVehicles, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint GetVehicleTrack { get; } = ApiEndpoint.Of<GetVehicleTrack>(
        ApiEndpointNames.GetVehicleTrack, HttpMethods.Get, ApiRoutes.MonitoringVehicleTrack, ApiAccess.People(Roles.Staff),
        (h, call) => h.HandleAsync(call.Http, call.Route("vehicleId")));

    /// <summary>Video-analytics platforms send their alerts with snapshots, as Event Hubs carries them where it runs.</summary>
    public static ApiEndpoint PostVideoAlerts { get; } = ApiEndpoint.Of<PostVideoAlerts>(
        ApiEndpointNames.PostVideoAlerts, HttpMethods.Post, ApiRoutes.VideoAlerts, ApiAccess.Machines(Roles.Video), (h, call) => h.HandleAsync(call.Http, call.Durable));

    /// <summary>The operations centre watches the sensors: the registry with latest values, one sensor's rules and readings.</summary>
    public static ApiEndpoint ListSensors { get; } = ApiEndpoint.Of<ListSensors>(
        ApiEndpointNames.ListSensors, HttpMethods.Get, ApiRoutes.MonitoringSensors, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http));

    /// <summary>The operations centre watches the outdoor advertisements: the registry with where each permit stands today.</summary>
    public static ApiEndpoint ListAdvertisements { get; } = ApiEndpoint.Of<ListAdvertisements>(
        ApiEndpointNames.ListAdvertisements, HttpMethods.Get, ApiRoutes.MonitoringAdvertisements, ApiAccess.People(Roles.Staff), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint GetSensor { get; } = ApiEndpoint.Of<GetSensor>(
        ApiEndpointNames.GetSensor, HttpMethods.Get, ApiRoutes.MonitoringSensor, ApiAccess.People(Roles.Staff),
        (h, call) => h.HandleAsync(call.Http, call.Route("sensorId")));

    /// <summary>Administrators watch what waits to be sent or was given up, and send it again.</summary>
    public static ApiEndpoint ListOutboxMessages { get; } = ApiEndpoint.Of<ListOutboxMessages>(
        ApiEndpointNames.ListOutboxMessages, HttpMethods.Get, ApiRoutes.OutboxMessages, ApiAccess.People(Roles.Admin), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint RedeliverOutboxMessage { get; } = ApiEndpoint.Of<RedeliverOutboxMessage>(
        ApiEndpointNames.RedeliverOutboxMessage, HttpMethods.Post, ApiRoutes.RedeliverOutboxMessage, ApiAccess.People(Roles.Admin),
        (h, call) => h.HandleAsync(call.Http, call.Route("messageId")));

    /// <summary>Open311 reference data is public, as the spec has it: discovery, services and their definitions need no key.</summary>
    public static ApiEndpoint Open311Discovery { get; } = ApiEndpoint.Of<GetOpen311Discovery>(
        ApiEndpointNames.Open311Discovery, HttpMethods.Get, ApiRoutes.Open311Discovery, ApiAccess.Anyone, (h, call) => Task.FromResult(h.Handle(call.Http)));

    public static ApiEndpoint Open311Services { get; } = ApiEndpoint.Of<ListOpen311Services>(
        ApiEndpointNames.Open311Services, HttpMethods.Get, ApiRoutes.Open311Services, ApiAccess.Anyone, (h, call) => Task.FromResult(h.Handle(call.Http)));

    public static ApiEndpoint Open311ServiceDefinition { get; } = ApiEndpoint.Of<GetOpen311ServiceDefinition>(
        ApiEndpointNames.Open311ServiceDefinition, HttpMethods.Get, ApiRoutes.Open311ServiceDefinition, ApiAccess.Anyone,
        (h, call) => Task.FromResult(h.Handle(call.Http, call.Route("serviceCode"))));

    public static ApiEndpoint Open311PostRequest { get; } = ApiEndpoint.Of<PostOpen311Request>(
        ApiEndpointNames.Open311PostRequest, HttpMethods.Post, ApiRoutes.Open311Requests, ApiAccess.Open311(Roles.Open311),
        (h, call) => h.HandleAsync(call.Http, call.Durable));

    /// <summary>Cases are not public data here: reading requests takes the api_key too (ADR 0016).</summary>
    public static ApiEndpoint Open311ListRequests { get; } = ApiEndpoint.Of<ListOpen311Requests>(
        ApiEndpointNames.Open311ListRequests, HttpMethods.Get, ApiRoutes.Open311Requests, ApiAccess.Open311(Roles.Open311), (h, call) => h.HandleAsync(call.Http));

    public static ApiEndpoint Open311GetRequest { get; } = ApiEndpoint.Of<GetOpen311Request>(
        ApiEndpointNames.Open311GetRequest, HttpMethods.Get, ApiRoutes.Open311Request, ApiAccess.Open311(Roles.Open311),
        (h, call) => h.HandleAsync(call.Http, call.Route("serviceRequestId")));

    public static ApiEndpoint Open311GetToken { get; } = ApiEndpoint.Of<GetOpen311Token>(
        ApiEndpointNames.Open311GetToken, HttpMethods.Get, ApiRoutes.Open311Token, ApiAccess.Open311(Roles.Open311),
        (h, call) => h.HandleAsync(call.Http, call.Route("token")));

    public static IReadOnlyList<ApiEndpoint> All { get; } =
    [
        Health, SubmitReport, UploadAttachment, GetAttachment, GetAttachmentThumbnail, GetAttachmentMetadata, ListCases, GetCase, ApplyCaseAction, ListSlips, ListUnits, GetUnit, UpsertUnit,
        GetInspector, UpsertInspector, ListInspectorTasks, CompleteInspectionTask, ListCodes, Locate,
        FindNearestComponents, GetComponent, GetCalendarYear, PutCalendarYear, MachinePing, ReceiveHotlineWorkOrder, ReceiveHotlineCallback,
        PostTelemetry, ListSensors, GetSensor, ListAdvertisements, ListAlerts, GetAlert, AcknowledgeAlert, PostVehiclePositions, ListVehiclePositions, GetVehicleTrack, PostVideoAlerts,
        ListOutboxMessages, RedeliverOutboxMessage,
        Open311Discovery, Open311Services, Open311ServiceDefinition, Open311PostRequest, Open311ListRequests, Open311GetRequest, Open311GetToken,
    ];

    public static ApiEndpoint? FindByName(string name) => All.FirstOrDefault(e => e.Name == name);
}
