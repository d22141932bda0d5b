using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// What a vehicle's position means for each of its rules, as the alert desk takes it (<see cref="AlertSignal"/>):
/// <c>off-route</c> (a permit's routes given and the point in none of them), <c>outside-hours</c> (a permit's hours
/// given and the time outside them), <c>forbidden-zone:{fenceId}</c> (inside a forbidden zone while it applies). Every
/// rule the vehicle has gets a signal, with no level when its condition does not hold, so the desk clears what ended.
/// </summary>
public static class VehicleRules
{
    public const string OffRoute = "off-route";
    public const string OutsideHours = "outside-hours";
    public const string ForbiddenZonePrefix = "forbidden-zone:";

    public const WarningLevel DefaultOffRouteLevel = WarningLevel.Yellow;
    public const WarningLevel DefaultOutsideHoursLevel = WarningLevel.Yellow;
    public const WarningLevel DefaultForbiddenZoneLevel = WarningLevel.Orange;

    public static IReadOnlyList<AlertSignal> Evaluate(Vehicle vehicle, VehiclePosition position)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(position);
        var signals = new List<AlertSignal>();
        var at = position.ObservedAt;
        if (vehicle.Permit is { } permit)
        {
            if (permit.Routes.Count > 0)
            {
                var off = !permit.Routes.Any(r => r.Contains(position.Point));
                signals.Add(Signal(
                    vehicle, position, OffRoute, off ? permit.OffRouteLevel ?? DefaultOffRouteLevel : null,
                    off ? $"{vehicle.VehicleId} 偏离准运路线 ({string.Join(", ", permit.Routes.Select(r => r.Id))})" : $"{vehicle.VehicleId} 在准运路线内",
                    permit.OffRouteCase));
            }

            if (permit.Hours is { } hours)
            {
                var outside = !hours.Contains(at);
                signals.Add(Signal(
                    vehicle, position, OutsideHours, outside ? permit.OutsideHoursLevel ?? DefaultOutsideHoursLevel : null,
                    $"{vehicle.VehicleId} {(outside ? "准运时段外行驶" : "在准运时段内")} ({Local(at)})", permit.OutsideHoursCase));
            }
        }

        foreach (var zone in vehicle.ForbiddenZones)
        {
            var inside = zone.IsActive(at) && zone.Contains(position.Point);
            signals.Add(Signal(
                vehicle, position, ForbiddenZonePrefix + zone.Id, inside ? zone.Level ?? DefaultForbiddenZoneLevel : null,
                $"{vehicle.VehicleId} {(inside ? "驶入禁行区域" : "不在禁行区域")} {zone.Id}", zone.Case));
        }

        return signals;
    }

    private static AlertSignal Signal(Vehicle vehicle, VehiclePosition position, string rule, WarningLevel? level, string summary, AlertCasePolicy? policy) =>
        new(AlertSubject.Vehicle, vehicle.VehicleId, vehicle.KindName, rule, level, position.ObservedAt, summary, position.Point, policy);

    private static string Local(DateTimeOffset at) =>
        at.ToOffset(Orchestrations.Time.WorkingCalendar.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
