namespace Lyg.Hub.Storage;

/// <summary>Every table the hub owns.</summary>
public static class TableNames
{
    /// <summary>One partition per case: the case row, its timeline rows, its slip rows, its action idempotency rows and its outbound messages.</summary>
    public const string Cases = "Cases";

    /// <summary>Uploaded photos, one row per attachment: owner, size, EXIF fields kept for staff, the case it belongs to.</summary>
    public const string Attachments = "Attachments";

    /// <summary>Idempotency reservations of requests that create something new (reports).</summary>
    public const string Idempotency = "Idempotency";

    /// <summary>Recent reports by category and map cell, for the duplicate lookup (并单): one partition per category and cell, keyed by case id.</summary>
    public const string DuplicateIndex = "DuplicateIndex";

    /// <summary>Daily case-number sequences.</summary>
    public const string Counters = "Counters";

    /// <summary>The registry of responsible units.</summary>
    public const string Units = "Units";

    /// <summary>Management components (部件), one partition per unit grid, keyed by component id: the nearest-component search.</summary>
    public const string Components = "Components";

    /// <summary>The same components partitioned by division and type (the id without its sequence): lookup by id.</summary>
    public const string ComponentIds = "ComponentIds";

    /// <summary>Working-calendar years loaded by administrators (PUT v1/calendar/{year}).</summary>
    public const string Calendar = "Calendar";

    /// <summary>The nonces of signed requests, one partition per machine client, kept while their timestamp could still pass.</summary>
    public const string Nonces = "Nonces";

    /// <summary>Pointers to undelivered outbound messages, one partition per destination, in case and sequence order.</summary>
    public const string Outbox = "Outbox";

    /// <summary>Which host delivers to which outbox destination, until when.</summary>
    public const string Leases = "Leases";

    /// <summary>Reports counted per citizen and window (hashed identity), for the per-citizen limit.</summary>
    public const string ReportQuotas = "ReportQuotas";

    /// <summary>12345 work orders, one partition per hotline client: the order's case, its sealed caller, what its pushes brought.</summary>
    public const string HotlineOrders = "HotlineOrders";

    /// <summary>The registry of inspectors (监督员) and their patrol areas.</summary>
    public const string Inspectors = "Inspectors";

    /// <summary>核实 and 核查 tasks, one partition per inspector, and per case which inspector holds each of its tasks.</summary>
    public const string InspectionTasks = "InspectionTasks";

    /// <summary>Sensors' closed blocks of readings, a partition per UTC day, a sensor's rows together and newest first.</summary>
    public const string Readings = "Readings";

    /// <summary>Each sensor's state (its latest reading, what its rules hold, its open block of readings), a partition per shard of the sensor id, so a batch of many sensors is a few transactions.</summary>
    public const string SensorStates = "SensorStates";

    /// <summary>Monitoring alerts, one partition per alert; an alert id begins with its UTC day, so a time range is a partition range.</summary>
    public const string Alerts = "Alerts";

    /// <summary>The condition of each (subject, rule) the alert desk follows: which alert it holds open, or when it cleared.</summary>
    public const string AlertConditions = "AlertConditions";

    /// <summary>The vehicle registry (plate or fleet number, kind, unit, geofences and permitted hours), one partition.</summary>
    public const string Vehicles = "Vehicles";

    /// <summary>Vehicle positions, one partition per vehicle and UTC day, newest first, keyed by time: a replay writes the same rows.</summary>
    public const string VehicleTracks = "VehicleTracks";

    /// <summary>The latest position of each vehicle, in a fixed number of partitions so that a batch writes them as table transactions.</summary>
    public const string VehiclePositions = "VehiclePositions";

    /// <summary>The cameras of the video-analytics platform, with their points and grids.</summary>
    public const string Cameras = "Cameras";

    /// <summary>Video alerts taken (per client and alert id) and their de-duplication windows (per camera, event kind and window).</summary>
    public const string VideoAlerts = "VideoAlerts";

    /// <summary>Outdoor advertisements and signboards (智慧广告) with their permits, by map cell, and where each id lies.</summary>
    public const string Advertisements = "Advertisements";

    /// <summary>The sensor registry: kind, place, owner unit, interval and rule overrides, in the buckets of <see cref="SensorStates"/>.</summary>
    public const string Sensors = "Sensors";

    public static IReadOnlyList<string> All { get; } =
        [Cases, Attachments, Idempotency, DuplicateIndex, Counters, Units, Components, ComponentIds, Calendar, Nonces, Outbox, Leases, ReportQuotas, HotlineOrders,
         Inspectors, InspectionTasks, Readings, SensorStates, Sensors, Alerts, AlertConditions, Vehicles, VehicleTracks, VehiclePositions, Cameras, VideoAlerts,
         Advertisements];
}
