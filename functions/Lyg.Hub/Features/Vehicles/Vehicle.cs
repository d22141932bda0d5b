using Lyg.Contracts;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// A registered vehicle and the rules its positions are checked against: the forbidden zones it must keep out of and,
/// for a muck truck, its permit (<see cref="VehiclePermit"/>).
/// </summary>
/// <param name="VehicleId">Its plate (苏G12345) or fleet number.</param>
/// <param name="Unit">The code of the unit that owns or runs it.</param>
public sealed record Vehicle(string VehicleId, VehicleKind Kind, string Unit, IReadOnlyList<Geofence> ForbiddenZones, VehiclePermit? Permit)
{
    public string KindName => WireNames.Of(Kind)!;
}

/// <summary>
/// Where and when a vehicle may drive (a muck truck's 准运证): inside any of its routes, within its hours. Either may
/// be missing (no route: anywhere; no hours: any time). The levels and case policies are data, with the defaults of
/// <see cref="VehicleRules"/>.
/// </summary>
public sealed record VehiclePermit(
    IReadOnlyList<Geofence> Routes, WeeklySchedule? Hours, WarningLevel? OffRouteLevel, WarningLevel? OutsideHoursLevel,
    Alerts.AlertCasePolicy? OffRouteCase, Alerts.AlertCasePolicy? OutsideHoursCase);
