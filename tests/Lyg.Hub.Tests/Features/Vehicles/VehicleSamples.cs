using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Features.Vehicles;

namespace Lyg.Hub.Tests.Features.Vehicles;

/// <summary>A registry file of one muck truck with a route, night hours, the old town and a school zone, for the vehicle tests.</summary>
internal static class VehicleSamples
{
    public static readonly HashSet<string> UnitCodes = new(StringComparer.Ordinal) { "DEPT-CGJ", "ENT-SANITATION" };

    /// <summary>On the route's first leg, outside both zones.</summary>
    public const double OnRouteLat = 34.5967;
    public const double OnRouteLon = 119.2260;

    /// <summary>Inside the old town, off the route.</summary>
    public const double OldTownLat = 34.6020;
    public const double OldTownLon = 119.2215;

    /// <summary>A Monday 23:00 in China: within the night hours, outside school hours.</summary>
    public static readonly DateTimeOffset NightTime = new(2026, 11, 30, 23, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A Monday 07:30 in China: outside the night hours, within school hours.</summary>
    public static readonly DateTimeOffset SchoolTime = new(2026, 11, 30, 7, 30, 0, TimeSpan.FromHours(8));

    public static string File(string muckId = "苏G-T0001", string sanitationId = "HW-T0001") => $$"""
        {
          "schedules": [
            { "scheduleId": "night", "ranges": [ { "days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "22:00", "to": "06:00" } ] },
            { "scheduleId": "school", "ranges": [ { "days": ["mon","tue","wed","thu","fri"], "from": "07:00", "to": "08:30" } ] }
          ],
          "fences": [
            { "fenceId": "route", "mode": "allowed", "crs": "wgs84",
              "corridor": { "line": [[119.2150, 34.5967], [119.2300, 34.5967], [119.2300, 34.6050]], "widthMetres": 60 } },
            { "fenceId": "old-town", "mode": "forbidden",
              "polygon": [[119.2180, 34.6000], [119.2250, 34.6000], [119.2250, 34.6040], [119.2180, 34.6040]] },
            { "fenceId": "school", "mode": "forbidden", "level": "red", "activeHours": "school",
              "polygon": [[119.2195, 34.5940], [119.2215, 34.5940], [119.2215, 34.5975], [119.2195, 34.5975]] }
          ],
          "vehicles": [
            { "vehicleId": "{{muckId}}", "kind": "muck", "unit": "DEPT-CGJ", "forbiddenZones": ["old-town", "school"],
              "permit": { "routes": ["route"], "hours": "night",
                          "offRouteCase": { "caseLevel": "yellow", "categoryCode": "08011", "categoryKind": "event" } } },
            { "vehicleId": "{{sanitationId}}", "kind": "sanitation", "unit": "ENT-SANITATION" }
          ]
        }
        """;

    public static IReadOnlyList<Vehicle> Read(string file)
    {
        var (vehicles, problems) = VehicleRegistryFile.Read(Encoding.UTF8.GetBytes(file), UnitCodes.Contains);
        Assert.Empty(problems);
        return vehicles;
    }

    public static Vehicle Muck(string id = "苏G-T0001") => Read(File(muckId: id)).Single(v => v.Kind == VehicleKind.Muck);
}
