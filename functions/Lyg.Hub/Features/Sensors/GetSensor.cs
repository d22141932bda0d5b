using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Readings;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// GET v1/monitoring/sensors/{sensorId}: one sensor for the operations centre — the rules in force for it (its kind's
/// defaults merged with its overrides; 422 when a changed kinds file left overrides that no longer fit), the latest value of each value name with its time, and its last readings,
/// newest first (at most <see cref="RecentLimit"/>, from the last <see cref="RecentDays"/> UTC days), and its alerts
/// raised in the last <see cref="AlertDays"/> days (at most <see cref="AlertLimit"/>, oldest first; GET
/// v1/monitoring/alerts?subjectId= pages through more). 404 for an id the registry does not have.
/// </summary>
public sealed class GetSensor(SensorRegistry registry, ReadingStore readings, AlertStore alerts, TimeProvider clock)
{
    public const int RecentLimit = 50;
    public const int RecentDays = 2;
    public const int AlertLimit = 50;
    public const int AlertDays = 7;

    public async Task<IResult> HandleAsync(HttpContext http, string sensorId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var found = TelemetryDocument.IsSensorId(sensorId) ? await registry.FindAsync([sensorId], http.RequestAborted) : new Dictionary<string, Sensor>();
        if (!found.TryGetValue(sensorId, out var sensor) || registry.Kinds.Find(sensor.Kind) is not { } kind)
        {
            return Problems.NotFound($"No sensor {sensorId} in the registry.");
        }

        // A kinds file changed since the import can leave overrides that no longer fit: say so instead of guessing rules.
        var (rules, faults) = EffectiveRules.Merge(kind, sensor.Overrides);
        if (faults.Count > 0)
        {
            return Problems.Unprocessable(
                "overrides-unfit", "The sensor's overrides no longer fit its kind.", $"Sensor {sensor.Id}: {string.Join("; ", faults)}. Import the sensor again with overrides that fit.");
        }

        var state = await readings.FindStateAsync(sensor.Id, http.RequestAborted);
        var now = clock.GetUtcNow();
        var recent = await readings.ReadRecentAsync(sensor.Id, now, RecentLimit, RecentDays, http.RequestAborted);
        var (raised, _) = await alerts.ListAsync(
            new AlertFilter(now.AddDays(-AlertDays), now.AddSeconds(1), Subject: AlertSubject.Sensor, SubjectId: sensor.Id), AlertLimit, null, http.RequestAborted);
        var latest = state is null
            ? new Dictionary<string, SensorLatestValue>()
            : ReadingStore.ValuesOf(state.Values).ToDictionary(
                v => v.Key, v => new SensorLatestValue(v.Value, kind.Values.TryGetValue(v.Key, out var spec) ? spec.Unit : "", state.ObservedAt), StringComparer.Ordinal);
        var view = new SensorView(
            sensor.Id, sensor.Kind, kind.Name, sensor.Name, new GeoLocation(sensor.Location.Lat, sensor.Location.Lon, CoordinateSystem.Wgs84),
            sensor.Place.Grid, sensor.Place.Community.Code, sensor.Place.Street.Code, sensor.Place.District.Code, sensor.UnitCode, sensor.Interval,
            EffectiveRules.Views(rules),
            latest,
            [.. recent.Select(r => new SensorRecentReading(r.ObservedAt, r.Values))],
            [.. raised.Select(a => a.ToView())]);
        return TypedResults.Json(view, LygJsonContext.Wire.SensorView);
    }
}
