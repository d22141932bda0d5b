namespace Lyg.Hub.Api;

/// <summary>
/// Route templates under <c>/api</c>, used verbatim by the Functions triggers and the standalone endpoint map,
/// so both hosts serve the same contract (design.md §7).
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    public const string Health = "health";
    public const string Attachments = "v1/attachments";
    public const string Attachment = "v1/attachments/{attachmentId}";
    public const string AttachmentThumbnail = "v1/attachments/{attachmentId}/thumbnail";
    public const string AttachmentMetadata = "v1/attachments/{attachmentId}/metadata";
    public const string Reports = "v1/reports";
    public const string Cases = "v1/cases";
    public const string Case = "v1/cases/{caseId}";
    public const string CaseAction = "v1/cases/{caseId}/actions/{action}";
    public const string Slips = "v1/slips";
    public const string Units = "v1/units";
    public const string Unit = "v1/units/{unitCode}";
    public const string Inspector = "v1/inspectors/{inspectorId}";
    public const string InspectorTasks = "v1/inspector/tasks";
    public const string CompleteInspectorTask = "v1/inspector/tasks/{taskId}/complete";
    public const string GeoLocate = "v1/geo/locate";
    public const string Codes = "v1/codes";
    public const string NearestComponents = "v1/components/nearest";

    /// <summary>
    /// Constrained so it cannot take <see cref="NearestComponents"/>: the Functions host does not rank literal segments
    /// above parameters (azure-functions-host#9876), and the standalone host must route the same way.
    /// </summary>
    public const string Component = "v1/components/{componentId:regex(^(?!nearest$))}";
    public const string CalendarYear = "v1/calendar/{year}";
    public const string MonitoringSensors = "v1/monitoring/sensors";
    public const string MonitoringSensor = "v1/monitoring/sensors/{sensorId}";
    public const string MachinePing = "v1/machine/ping";
    public const string HotlineWorkOrders = "v1/hotline12345/work-orders";
    public const string HotlineCallbacks = "v1/hotline12345/callbacks";
    public const string Telemetry = "v1/telemetry";
    public const string MonitoringAlerts = "v1/monitoring/alerts";
    public const string MonitoringAlert = "v1/monitoring/alerts/{alertId}";
    public const string AcknowledgeMonitoringAlert = "v1/monitoring/alerts/{alertId}/acknowledge";
    public const string VehiclePositions = "v1/vehicles/positions";
    public const string MonitoringVehicles = "v1/monitoring/vehicles";
    public const string MonitoringAdvertisements = "v1/monitoring/advertisements";
    public const string MonitoringVehicleTrack = "v1/monitoring/vehicles/{vehicleId}/track";
    public const string VideoAlerts = "v1/video/alerts";
    public const string OutboxMessages = "v1/outbox/messages";
    public const string RedeliverOutboxMessage = "v1/outbox/messages/{messageId}/redeliver";

    // Open311 GeoReport v2: every resource ends in its format, .xml or .json (Open311Replies.FormatRouteValue).
    public const string Open311Discovery = "open311/v2/discovery.{format}";
    public const string Open311Services = "open311/v2/services.{format}";
    public const string Open311ServiceDefinition = "open311/v2/services/{serviceCode}.{format}";
    public const string Open311Requests = "open311/v2/requests.{format}";
    public const string Open311Request = "open311/v2/requests/{serviceRequestId}.{format}";
    public const string Open311Token = "open311/v2/tokens/{token}.{format}";

    /// <summary>Development-only token issuer of the standalone host.</summary>
    public const string DevTokens = "dev/tokens";

    public static string CaseUrl(string caseId) => $"/{Prefix}/v1/cases/{Uri.EscapeDataString(caseId)}";

    public static string AttachmentUrl(string attachmentId) => $"/{Prefix}/v1/attachments/{Uri.EscapeDataString(attachmentId)}";

    public static string AttachmentThumbnailUrl(string attachmentId) => AttachmentUrl(attachmentId) + "/thumbnail";

    public static string UnitUrl(string unitCode) => $"/{Prefix}/v1/units/{Uri.EscapeDataString(unitCode)}";

    public static string InspectorUrl(string inspectorId) => $"/{Prefix}/v1/inspectors/{Uri.EscapeDataString(inspectorId)}";
}
