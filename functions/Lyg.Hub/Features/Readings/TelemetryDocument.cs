using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lyg.Hub.Api;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Reads a telemetry document, <c>{"readings": [{"sensorId", "observedAt", "values": {"name": number, …}}]}</c>, and
/// names every fault by its JSON path (<c>readings[3].observedAt</c>). A document with any fault is refused whole, by
/// every channel: a gateway resends the batch it built, so half of one taken would leave it unsure what was kept.
/// </summary>
public static partial class TelemetryDocument
{
    public const int MaxSensorIdLength = 64;
    public const int MaxValueNameLength = 64;

    /// <summary>
    /// The readings, or the faults by path (the readings then empty; <c>$</c> names a fault of the whole document), and
    /// how many readings the document offered (1 when it has no list to count), so that in = stored + rejected.
    /// </summary>
    public static (IReadOnlyList<SensorReading> Readings, IReadOnlyDictionary<string, string[]> Errors, int Offered) Read(
        ReadOnlyMemory<byte> utf8, TelemetryOptions limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return BatchDocument.Read(utf8, "readings", limits.MaxReadingsPerDocument, (item, path, errors) => ReadOne(item, path, limits, now, errors));
    }

    private static SensorReading? ReadOne(JsonElement item, string path, TelemetryOptions limits, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[path] = ["A reading is an object."];
            return null;
        }

        string? sensorId = item.TryGetProperty("sensorId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (sensorId is null || !SensorIdShape().IsMatch(sensorId))
        {
            errors[$"{path}.sensorId"] = [$"A sensor id of 1 to {MaxSensorIdLength} letters, digits, '.', '_' or '-'."];
            sensorId = null;
        }

        DateTimeOffset? observedAt = null;
        if (!item.TryGetProperty("observedAt", out var at) || at.ValueKind != JsonValueKind.String || !TryParseTime(at.GetString()!, out var parsed))
        {
            errors[$"{path}.observedAt"] = ["An RFC 3339 time with an offset, e.g. 2026-12-01T08:30:00+08:00."];
        }
        else if (parsed > now + limits.MaxClockSkew)
        {
            errors[$"{path}.observedAt"] = [$"In the future: more than {limits.MaxClockSkew} ahead of the hub's clock."];
        }
        else
        {
            observedAt = parsed;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!item.TryGetProperty("values", out var given) || given.ValueKind != JsonValueKind.Object)
        {
            errors[$"{path}.values"] = ["An object of named numbers is required."];
        }
        else
        {
            foreach (var value in given.EnumerateObject())
            {
                if (!ValueNameShape().IsMatch(value.Name))
                {
                    errors[$"{path}.values"] = [$"Value names are 1 to {MaxValueNameLength} letters, digits or '_', starting with a letter."];
                }
                else if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    errors[$"{path}.values.{value.Name}"] = ["A finite number."];
                }
                else if (!values.TryAdd(value.Name, number))
                {
                    errors[$"{path}.values.{value.Name}"] = ["Named twice."];
                }
            }

            if (given.EnumerateObject().Any() is false)
            {
                errors[$"{path}.values"] = ["At least one value."];
            }
            else if (values.Count > limits.MaxValuesPerReading)
            {
                errors[$"{path}.values"] = [$"At most {limits.MaxValuesPerReading} values."];
            }
        }

        return sensorId is not null && observedAt is { } time && errors.Keys.All(k => !k.StartsWith(path + ".", StringComparison.Ordinal))
            ? new SensorReading(sensorId, time, values)
            : null;
    }

    /// <summary>A sensor id as the wire takes it: a table key as it is.</summary>
    public static bool IsSensorId(string? text) => text is not null && SensorIdShape().IsMatch(text);

    /// <summary>A value name as the wire takes it.</summary>
    public static bool IsValueName(string? text) => text is not null && ValueNameShape().IsMatch(text);

    /// <summary>RFC 3339: a date, 'T', a time with optional fraction, and 'Z' or an offset; nothing else (no local times). Vehicle positions read their times with it too.</summary>
    internal static bool TryParseTime(string text, out DateTimeOffset time) =>
        Rfc3339Shape().IsMatch(text) & DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex SensorIdShape();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9_]{0,63}\z")]
    private static partial Regex ValueNameShape();

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})\z")]
    private static partial Regex Rfc3339Shape();
}
