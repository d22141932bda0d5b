using System.Globalization;
using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// Telemetry checked against the registry, after its wire shape passed: each reading's sensor is registered, and each
/// of its values is one its kind defines, within that value's physical range. Faults are named by path as the wire
/// check names them (<c>readings[2].sensorId</c>, <c>readings[2].values.waterLevel</c>).
/// </summary>
public static class SensorReadingChecks
{
    /// <param name="readings">The document's readings in document order, so index i is <c>readings[i]</c>.</param>
    /// <param name="sensors">The registered sensors among the readings' ids.</param>
    public static IReadOnlyDictionary<string, string[]> Check(
        IReadOnlyList<SensorReading> readings, IReadOnlyDictionary<string, Sensor> sensors, SensorKindCatalog kinds)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(sensors);
        ArgumentNullException.ThrowIfNull(kinds);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (!sensors.TryGetValue(reading.SensorId, out var sensor))
            {
                errors[$"readings[{i}].sensorId"] = [$"No sensor {reading.SensorId} in the registry; import it first (Lyg.Import sensors)."];
                continue;
            }

            if (kinds.Find(sensor.Kind) is not { } kind)
            {
                errors[$"readings[{i}].sensorId"] = [$"Sensor {sensor.Id} is of kind {sensor.Kind}, which the hub no longer has."];
                continue;
            }

            foreach (var (name, value) in reading.Values)
            {
                if (!kind.Values.TryGetValue(name, out var spec))
                {
                    errors[$"readings[{i}].values.{name}"] = [$"A {kind.Id} sensor reports {string.Join(", ", kind.Values.Keys)}; not {name}."];
                }
                else if (value < spec.Min || value > spec.Max)
                {
                    errors[$"readings[{i}].values.{name}"] = [string.Create(
                        CultureInfo.InvariantCulture, $"{value} {spec.Unit} is outside the physical range of {name}, {spec.Min} to {spec.Max} {spec.Unit}.")];
                }
            }
        }

        return errors;
    }
}
