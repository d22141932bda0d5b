using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Readings;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>A position whose wire shape passed, of a registered vehicle, converted to WGS84.</summary>
/// <param name="Speed">km/h.</param>
/// <param name="Heading">Degrees clockwise from north.</param>
public sealed record VehiclePosition(string VehicleId, DateTimeOffset ObservedAt, GeoPoint Point, double? Speed, double? Heading);

/// <summary>
/// Reads a positions document, <c>{"positions": [{"vehicleId", "observedAt", "lat", "lon", "crs", "speed",
/// "heading"}]}</c>, naming every fault by its JSON path (<c>positions[3].lat</c>). A document with any fault is
/// refused whole by every channel, as telemetry is: a terminal's gateway resends what it built. A vehicle must be
/// registered: its kind and rules decide what its position means.
/// </summary>
public static class PositionDocument
{
    public const double MaxSpeed = 400;

    /// <summary>The positions, or the faults by path (the positions then empty; <c>$</c> a fault of the whole document), and how many positions it offered.</summary>
    public static (IReadOnlyList<VehiclePosition> Positions, IReadOnlyDictionary<string, string[]> Errors, int Offered) Read(
        ReadOnlyMemory<byte> utf8, IReadOnlyDictionary<string, Vehicle> registry, VehiclesOptions limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(limits);
        return BatchDocument.Read(utf8, "positions", limits.MaxPositionsPerDocument, (item, path, errors) => ReadOne(item, path, registry, limits, now, errors));
    }

    private static VehiclePosition? ReadOne(
        JsonElement item, string path, IReadOnlyDictionary<string, Vehicle> registry, VehiclesOptions limits, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["A position is an object."];
            return null;
        }

        var faults = errors.Count;
        var vehicleId = item.TryGetProperty("vehicleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (!VehicleRegistryFile.IsVehicleId(vehicleId))
        {
            errors[$"{path}.vehicleId"] = [$"A plate or fleet number of 1 to {VehicleRegistryFile.MaxVehicleIdLength} letters, digits, '.', '_' or '-'."];
        }
        else if (!registry.ContainsKey(vehicleId!))
        {
            errors[$"{path}.vehicleId"] = [$"{vehicleId} is not a registered vehicle."];
        }

        DateTimeOffset observedAt = default;
        if (!item.TryGetProperty("observedAt", out var at) || at.ValueKind != JsonValueKind.String || !TelemetryDocument.TryParseTime(at.GetString()!, out observedAt))
        {
            errors[$"{path}.observedAt"] = ["An RFC 3339 time with an offset, e.g. 2026-12-01T08:30:00+08:00."];
        }
        else if (observedAt > now + limits.MaxClockSkew)
        {
            errors[$"{path}.observedAt"] = [$"In the future: more than {limits.MaxClockSkew} ahead of the hub's clock."];
        }

        var lat = Number(item, "lat", path, -90, 90, required: true, errors);
        var lon = Number(item, "lon", path, -180, 180, required: true, errors);
        CoordinateSystem crs = default;
        if (!item.TryGetProperty("crs", out var crsText) || crsText.ValueKind != JsonValueKind.String || !WireNames.TryParse(crsText.GetString(), out crs))
        {
            errors[$"{path}.crs"] = [WireNames.Expected<CoordinateSystem>()];
        }

        var speed = Number(item, "speed", path, 0, MaxSpeed, required: false, errors);
        var heading = Number(item, "heading", path, 0, 360, required: false, errors);
        return errors.Count == faults
            ? new VehiclePosition(vehicleId!, observedAt, CoordinateConversion.ToWgs84(new GeoPoint(lat!.Value, lon!.Value), crs), speed, heading)
            : null;
    }

    private static double? Number(JsonElement item, string name, string path, double min, double max, bool required, Dictionary<string, string[]> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[$"{path}.{name}"] = ["Required."];
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= min && number <= max)
        {
            return number;
        }

        errors[$"{path}.{name}"] = [System.FormattableString.Invariant($"A number from {min} to {max}.")];
        return null;
    }
}
