using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Codes;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// The vehicle registry as a JSON file: <c>fences</c> (an id, <c>mode</c> allowed or forbidden, a <c>polygon</c> of
/// <c>[lon, lat]</c> points or a <c>corridor</c> with a <c>line</c> and <c>widthMetres</c>, the <c>crs</c> the points
/// are in, and optionally a <c>level</c>, <c>activeHours</c> naming a schedule, and a <c>case</c> policy),
/// <c>schedules</c> (an id and <c>ranges</c> of <c>days</c> and <c>from</c>/<c>to</c> times, China time) and
/// <c>vehicles</c> (id, kind, unit, <c>forbiddenZones</c> naming fences, and a <c>permit</c> of <c>routes</c> naming
/// allowed fences, <c>hours</c> naming a schedule, levels and case policies). Every problem is named by its path
/// (<c>vehicles[2].permit.routes[0]</c>); a file with any is taken whole or not at all. The registry table keeps each
/// vehicle as a file of its own (the vehicle and what it names), read back by this same reader.
/// </summary>
public static partial class VehicleRegistryFile
{
    public const int MaxVehicleIdLength = 32;
    public const int MaxFencePoints = 2_000;
    public const double MaxCorridorWidthMetres = 5_000;

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    public static bool IsVehicleId(string? id) => id is not null && VehicleIdShape().IsMatch(id);

    /// <summary>The vehicles of the file, or every problem by path (the vehicles then empty).</summary>
    /// <param name="unitKnown">Whether a unit code names a unit of the registry.</param>
    public static (IReadOnlyList<Vehicle> Vehicles, IReadOnlyDictionary<string, string> Problems) Read(
        ReadOnlyMemory<byte> utf8, Func<string, bool> unitKnown, CodeCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(unitKnown);
        RegistryFileEntry? file;
        try
        {
            file = JsonSerializer.Deserialize(utf8.Span, VehicleRegistryJsonContext.Default.RegistryFileEntry);
        }
        catch (JsonException ex)
        {
            return ([], new Dictionary<string, string> { [ex.Path is { Length: > 0 } path ? path : "$"] = ex.Message });
        }

        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (file is null)
        {
            problems["$"] = "A registry file is a JSON object.";
            return ([], problems);
        }

        var schedules = new Dictionary<string, WeeklySchedule>(StringComparer.Ordinal);
        foreach (var (entry, i) in (file.Schedules ?? []).Select((s, i) => (s, i)))
        {
            if (ReadSchedule(entry, $"schedules[{i}]", problems) is { } schedule && !schedules.TryAdd(schedule.Id, schedule))
            {
                problems[$"schedules[{i}].scheduleId"] = $"{schedule.Id} is named twice.";
            }
        }

        var fences = new Dictionary<string, Geofence>(StringComparer.Ordinal);
        foreach (var (entry, i) in (file.Fences ?? []).Select((f, i) => (f, i)))
        {
            if (ReadFence(entry, $"fences[{i}]", schedules, catalog, problems) is { } fence && !fences.TryAdd(fence.Id, fence))
            {
                problems[$"fences[{i}].fenceId"] = $"{fence.Id} is named twice.";
            }
        }

        var vehicles = new List<Vehicle>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, i) in file.Vehicles.Select((v, i) => (v, i)))
        {
            if (ReadVehicle(entry, $"vehicles[{i}]", fences, schedules, unitKnown, catalog, problems) is { } vehicle)
            {
                if (ids.Add(vehicle.VehicleId))
                {
                    vehicles.Add(vehicle);
                }
                else
                {
                    problems[$"vehicles[{i}].vehicleId"] = $"{vehicle.VehicleId} is named twice.";
                }
            }
        }

        if (file.Vehicles.Count == 0)
        {
            problems["vehicles"] = "At least one vehicle.";
        }

        return problems.Count > 0 ? ([], problems) : (vehicles, problems);
    }

    /// <summary>One vehicle's entry of the registry table: the vehicle with the fences and schedules it names, as a file of its own.</summary>
    public static byte[] WriteOne(Vehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        var fences = vehicle.ForbiddenZones.Concat(vehicle.Permit?.Routes ?? []).DistinctBy(f => f.Id).ToList();
        var schedules = fences.Select(f => f.ActiveHours).Append(vehicle.Permit?.Hours).OfType<WeeklySchedule>().DistinctBy(s => s.Id).ToList();
        var file = new RegistryFileEntry(
            [new VehicleEntry(
                vehicle.VehicleId, vehicle.Kind, vehicle.Unit, [.. vehicle.ForbiddenZones.Select(f => f.Id)],
                vehicle.Permit is { } permit
                    ? new PermitEntry([.. permit.Routes.Select(r => r.Id)], permit.Hours?.Id, permit.OffRouteLevel, permit.OutsideHoursLevel, CaseEntryOf(permit.OffRouteCase), CaseEntryOf(permit.OutsideHoursCase))
                    : null)],
            [.. fences.Select(FenceEntryOf)],
            [.. schedules.Select(s => new ScheduleEntry(s.Id, [.. s.Ranges.Select(RangeEntryOf)]))]);
        return JsonSerializer.SerializeToUtf8Bytes(file, VehicleRegistryJsonContext.Default.RegistryFileEntry);
    }

    private static WeeklySchedule? ReadSchedule(ScheduleEntry entry, string path, Dictionary<string, string> problems)
    {
        var ok = CheckId(entry.ScheduleId, $"{path}.scheduleId", problems);
        var ranges = new List<ScheduleRange>();
        if (entry.Ranges.Count == 0)
        {
            problems[$"{path}.ranges"] = "At least one range.";
            ok = false;
        }

        foreach (var (range, j) in entry.Ranges.Select((r, j) => (r, j)))
        {
            var at = $"{path}.ranges[{j}]";
            var days = new HashSet<DayOfWeek>();
            foreach (var day in range.Days)
            {
                if (DayNames.TryGetValue(day, out var d))
                {
                    days.Add(d);
                }
                else
                {
                    problems[$"{at}.days"] = "Days are mon, tue, wed, thu, fri, sat, sun.";
                }
            }

            if (range.Days.Count == 0)
            {
                problems[$"{at}.days"] = "At least one day.";
            }

            var from = Time(range.From, allowEndOfDay: false);
            var to = Time(range.To, allowEndOfDay: true);
            if (from is null)
            {
                problems[$"{at}.from"] = "A time HH:mm from 00:00 to 23:59.";
            }

            if (to is null)
            {
                problems[$"{at}.to"] = "A time HH:mm from 00:00 to 24:00; one not after 'from' ends on the next day.";
            }

            if (from is { } f && to is { } t && days.Count > 0 && days.Count == range.Days.Count)
            {
                ranges.Add(new ScheduleRange(days, f, t));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? new WeeklySchedule(entry.ScheduleId, ranges) : null;
    }

    private static Geofence? ReadFence(FenceEntry entry, string path, Dictionary<string, WeeklySchedule> schedules, CodeCatalog? catalog, Dictionary<string, string> problems)
    {
        var ok = CheckId(entry.FenceId, $"{path}.fenceId", problems);
        FenceMode? mode = entry.Mode switch { "allowed" => FenceMode.Allowed, "forbidden" => FenceMode.Forbidden, _ => null };
        if (mode is null)
        {
            problems[$"{path}.mode"] = "allowed (leaving it is the violation) or forbidden (entering it is).";
            ok = false;
        }

        WeeklySchedule? hours = null;
        if (entry.ActiveHours is { } hoursId && !schedules.TryGetValue(hoursId, out hours))
        {
            problems[$"{path}.activeHours"] = $"No schedule {hoursId} in this file.";
            ok = false;
        }

        var policy = ReadCase(entry.Case, $"{path}.case", catalog, problems, ref ok);
        var crs = entry.Crs ?? CoordinateSystem.Wgs84;
        if ((entry.Polygon is null) == (entry.Corridor is null))
        {
            problems[path] = "A fence is a polygon or a corridor: give one of them.";
            return null;
        }

        var points = ReadPoints(entry.Polygon ?? entry.Corridor!.Line, entry.Polygon is null ? $"{path}.corridor.line" : $"{path}.polygon", crs, problems);
        if (!ok || points is null || mode is not { } m)
        {
            return null;
        }

        if (entry.Polygon is not null)
        {
            try
            {
                return Geofence.Polygon(entry.FenceId, m, points, new FenceRules(entry.Level, hours, policy));
            }
            catch (ArgumentException ex)
            {
                problems[$"{path}.polygon"] = ex.Message.Split(" (Parameter", 2)[0];
                return null;
            }
        }

        if (points.Count < 2)
        {
            problems[$"{path}.corridor.line"] = "A line of at least two points.";
            return null;
        }

        if (!double.IsFinite(entry.Corridor!.WidthMetres) || entry.Corridor.WidthMetres is <= 0 or > MaxCorridorWidthMetres)
        {
            problems[$"{path}.corridor.widthMetres"] = string.Create(CultureInfo.InvariantCulture, $"The corridor's full width, more than 0 and at most {MaxCorridorWidthMetres} m.");
            return null;
        }

        return Geofence.Corridor(entry.FenceId, m, points, entry.Corridor.WidthMetres, new FenceRules(entry.Level, hours, policy));
    }

    private static Vehicle? ReadVehicle(
        VehicleEntry entry, string path, Dictionary<string, Geofence> fences, Dictionary<string, WeeklySchedule> schedules, Func<string, bool> unitKnown,
        CodeCatalog? catalog, Dictionary<string, string> problems)
    {
        var ok = true;
        if (!IsVehicleId(entry.VehicleId))
        {
            problems[$"{path}.vehicleId"] = $"A plate or fleet number of 1 to {MaxVehicleIdLength} letters, digits, '.', '_' or '-'.";
            ok = false;
        }

        if (!unitKnown(entry.Unit))
        {
            problems[$"{path}.unit"] = $"No unit {entry.Unit} in the unit registry.";
            ok = false;
        }

        var zones = Named(entry.ForbiddenZones ?? [], $"{path}.forbiddenZones", fences, FenceMode.Forbidden, problems, ref ok);
        VehiclePermit? permit = null;
        if (entry.Permit is { } p)
        {
            var routes = Named(p.Routes ?? [], $"{path}.permit.routes", fences, FenceMode.Allowed, problems, ref ok);
            WeeklySchedule? hours = null;
            if (p.Hours is { } hoursId && !schedules.TryGetValue(hoursId, out hours))
            {
                problems[$"{path}.permit.hours"] = $"No schedule {hoursId} in this file.";
                ok = false;
            }

            var offRoute = ReadCase(p.OffRouteCase, $"{path}.permit.offRouteCase", catalog, problems, ref ok);
            var outsideHours = ReadCase(p.OutsideHoursCase, $"{path}.permit.outsideHoursCase", catalog, problems, ref ok);
            permit = new VehiclePermit(routes, hours, p.OffRouteLevel, p.OutsideHoursLevel, offRoute, outsideHours);
        }

        return ok ? new Vehicle(entry.VehicleId, entry.Kind, entry.Unit, zones, permit) : null;
    }

    private static List<Geofence> Named(
        IReadOnlyList<string> ids, string path, Dictionary<string, Geofence> fences, FenceMode mode, Dictionary<string, string> problems, ref bool ok)
    {
        var named = new List<Geofence>();
        foreach (var (id, k) in ids.Select((id, k) => (id, k)))
        {
            if (!fences.TryGetValue(id, out var fence))
            {
                problems[$"{path}[{k}]"] = $"No fence {id} in this file.";
                ok = false;
            }
            else if (fence.Mode != mode)
            {
                problems[$"{path}[{k}]"] = $"{id} is not an {(mode == FenceMode.Allowed ? "allowed" : "forbidden")} fence.";
                ok = false;
            }
            else
            {
                named.Add(fence);
            }
        }

        return named;
    }

    private static AlertCasePolicy? ReadCase(CaseEntry? entry, string path, CodeCatalog? catalog, Dictionary<string, string> problems, ref bool ok)
    {
        if (entry is null)
        {
            return null;
        }

        if (CategoryCode.Check(entry.CategoryCode, entry.CategoryKind, catalog) is { } error)
        {
            problems[$"{path}.categoryCode"] = error;
            ok = false;
            return null;
        }

        return new AlertCasePolicy(entry.CaseLevel, entry.CategoryCode, entry.CategoryKind);
    }

    private static List<GeoPoint>? ReadPoints(IReadOnlyList<double[]> coordinates, string path, CoordinateSystem crs, Dictionary<string, string> problems)
    {
        if (coordinates.Count is 0 or > MaxFencePoints)
        {
            problems[path] = $"1 to {MaxFencePoints} points.";
            return null;
        }

        var points = new List<GeoPoint>(coordinates.Count);
        foreach (var (c, k) in coordinates.Select((c, k) => (c, k)))
        {
            if (c is not [var lon, var lat] || lon is < -180 or > 180 || lat is < -90 or > 90 || !double.IsFinite(lon) || !double.IsFinite(lat))
            {
                problems[$"{path}[{k}]"] = "A point is [lon, lat] in degrees.";
                return null;
            }

            points.Add(CoordinateConversion.ToWgs84(new GeoPoint(lat, lon), crs));
        }

        return points;
    }

    private static bool CheckId(string id, string path, Dictionary<string, string> problems)
    {
        if (IdShape().IsMatch(id))
        {
            return true;
        }

        problems[path] = "An id of 1 to 64 letters, digits, '.', '_' or '-'.";
        return false;
    }

    private static TimeSpan? Time(string text, bool allowEndOfDay) =>
        text == "24:00" ? (allowEndOfDay ? TimeSpan.FromDays(1) : null)
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.ToTimeSpan()
        : null;

    private static FenceEntry FenceEntryOf(Geofence fence)
    {
        var points = fence.Points.Select(p => new[] { p.Lon, p.Lat }).ToList();
        return new FenceEntry(
            fence.Id, fence.Mode == FenceMode.Allowed ? "allowed" : "forbidden", CoordinateSystem.Wgs84,
            fence.WidthMetres > 0 ? null : points, fence.WidthMetres > 0 ? new CorridorEntry(points, fence.WidthMetres) : null,
            fence.Level, fence.ActiveHours?.Id, CaseEntryOf(fence.Case));
    }

    private static RangeEntry RangeEntryOf(ScheduleRange range) =>
        new([.. DayNames.Where(d => range.Days.Contains(d.Value)).Select(d => d.Key)], TimeText(range.From), TimeText(range.To));

    private static string TimeText(TimeSpan time) => time == TimeSpan.FromDays(1) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static CaseEntry? CaseEntryOf(AlertCasePolicy? policy) => policy is null ? null : new(policy.CaseLevel, policy.CategoryCode, policy.CategoryKind);

    [GeneratedRegex(@"\A[\p{L}\p{Nd}._-]{1,32}\z")]
    private static partial Regex VehicleIdShape();

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex IdShape();
}

internal sealed record RegistryFileEntry(IReadOnlyList<VehicleEntry> Vehicles, IReadOnlyList<FenceEntry>? Fences = null, IReadOnlyList<ScheduleEntry>? Schedules = null, string? Note = null);

internal sealed record FenceEntry(
    string FenceId, string Mode, CoordinateSystem? Crs = null, IReadOnlyList<double[]>? Polygon = null, CorridorEntry? Corridor = null, WarningLevel? Level = null,
    string? ActiveHours = null, CaseEntry? Case = null);

internal sealed record CorridorEntry(IReadOnlyList<double[]> Line, double WidthMetres);

internal sealed record ScheduleEntry(string ScheduleId, IReadOnlyList<RangeEntry> Ranges);

internal sealed record RangeEntry(IReadOnlyList<string> Days, string From, string To);

internal sealed record VehicleEntry(string VehicleId, VehicleKind Kind, string Unit, IReadOnlyList<string>? ForbiddenZones = null, PermitEntry? Permit = null);

internal sealed record PermitEntry(
    IReadOnlyList<string>? Routes = null, string? Hours = null, WarningLevel? OffRouteLevel = null, WarningLevel? OutsideHoursLevel = null, CaseEntry? OffRouteCase = null,
    CaseEntry? OutsideHoursCase = null);

internal sealed record CaseEntry(WarningLevel CaseLevel, string CategoryCode, CodeKind CategoryKind);

/// <summary>Strict reading: a member missing, misspelt or of the wrong type is a problem named by its path, not a default.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegistryFileEntry))]
internal sealed partial class VehicleRegistryJsonContext : JsonSerializerContext;
