using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Sensors;
using Lyg.Orchestrations.Geo;

namespace Lyg.Benchmarks;

/// <summary>
/// The telemetry pipeline in process, everything a batch costs before storage: the wire check of each document
/// (<see cref="TelemetryDocument"/>), the registry check of its readings, the state transactions, each sensor's
/// readings merged into its open block (<see cref="ReadingBlocks"/>) and its rules over them from the state it held,
/// serialized as they would be stored; against a raw System.Text.Json parse of
/// the same documents into plain records. Gateway batches of 100 readings over 10,000 sensors of every built-in kind,
/// each value at a tenth of its range, so some rules hold and most readings change nothing. One operation is one
/// reading.
/// </summary>
public class TelemetryPipelineBenchmarks
{
    private const int Documents = 100;
    private const int ReadingsPerDocument = 100;
    private const int Sensors = 10_000;
    private const int Readings = Documents * ReadingsPerDocument;

    private readonly TelemetryOptions _limits = new();
    private readonly SensorKindCatalog _kinds = SensorKindCatalog.BuiltIn;
    private readonly Dictionary<string, Sensor> _registry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SensorStateRow> _states = new(StringComparer.Ordinal);
    private SensorRuleEvaluator _rules = null!;
    private byte[][] _payloads = [];
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _rules = new SensorRuleEvaluator(_kinds);
        _now = DateTimeOffset.UtcNow;
        var kinds = _kinds.Kinds.OrderBy(k => k.Id, StringComparer.Ordinal).ToArray();
        var place = new GridLocation("320706001001", new Place("320706001", "样例社区"), new Place("320706", "样例街道"), new Place("3207", "样例区"));
        for (var i = 0; i < Sensors; i++)
        {
            var kind = kinds[i % kinds.Length];
            var sensor = new Sensor($"BENCH-{i:D5}", kind.Id, $"基准 {i}", new GeoPoint(34.6, 119.2), place, null, kind.DefaultInterval, []);
            _registry[sensor.Id] = sensor;
            // The state as the last batch left it: a reading a minute for half an hour in its open block, and what its rules held then.
            var block = Enumerable.Range(1, ReadingBlocks.MaxReadings / 2).Reverse().Select(m => new SensorReading(sensor.Id, _now.AddMinutes(-m), ValuesOf(kind))).ToList();
            var (held, _) = _rules.Evaluate(sensor, null, block);
            _states[sensor.Id] = new SensorStateRow
            {
                RowKey = sensor.Id,
                ObservedAt = block[^1].ObservedAt,
                Values = JsonSerializer.Serialize(block[^1].Values.ToDictionary(), RawJsonContext.Default.DictionaryStringDouble),
                Rules = RuleLevels.Serialize(held),
                Block = ReadingBlocks.Serialize(block),
                // As a host keeps the states it wrote: a steady stream parses neither again.
                OpenReadings = block,
                LatestValues = block[^1].Values,
            };
        }

        _payloads = [.. Enumerable.Range(0, Documents).Select(d => Payload(d, kinds))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Readings)]
    public int RawParse()
    {
        var readings = 0;
        foreach (var payload in _payloads)
        {
            readings += JsonSerializer.Deserialize(payload, RawJsonContext.Default.RawDocument)!.Readings.Count;
        }

        return readings;
    }

    [Benchmark(OperationsPerInvoke = Readings)]
    public int Pipeline()
    {
        var planned = 0;
        foreach (var payload in _payloads)
        {
            var (readings, errors, _) = TelemetryDocument.Read(payload, _limits, _now);
            // The registry's path for sensors it holds: a dictionary lookup per distinct id.
            var registered = readings.Select(r => r.SensorId).Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => _registry[id], StringComparer.Ordinal);
            if (errors.Count > 0 || SensorReadingChecks.Check(readings, registered, _kinds).Count > 0)
            {
                throw new InvalidOperationException("The benchmark's documents must all pass.");
            }

            foreach (var transaction in ReadingStore.Plan(readings))
            {
                foreach (var ordered in transaction)
                {
                    var sensor = registered[ordered[0].SensorId];
                    var before = _states[sensor.Id];
                    var step = ReadingBlocks.Merge(before, ordered);
                    var (held, signals) = _rules.Evaluate(sensor, before, step.Newer);
                    planned += signals.Count + (RuleLevels.Serialize(held)?.Length ?? 0) + ReadingBlocks.Serialize(step.Open).Length;
                }
            }
        }

        return planned;
    }

    /// <summary>Every value of the kind at a tenth of its range.</summary>
    private static Dictionary<string, double> ValuesOf(SensorKind kind) =>
        kind.Values.ToDictionary(v => v.Key, v => Math.Round(v.Value.Min + ((v.Value.Max - v.Value.Min) / 10), 3), StringComparer.Ordinal);

    private byte[] Payload(int document, SensorKind[] kinds)
    {
        var body = new StringBuilder("{\"readings\":[");
        for (var i = 0; i < ReadingsPerDocument; i++)
        {
            var index = ((document * ReadingsPerDocument) + i) % Sensors;
            var values = string.Join(",", ValuesOf(kinds[index % kinds.Length]).Select(v => string.Create(CultureInfo.InvariantCulture, $"\"{v.Key}\":{v.Value}")));
            body.Append(i > 0 ? "," : "").Append(CultureInfo.InvariantCulture, $"{{\"sensorId\":\"BENCH-{index:D5}\",\"observedAt\":\"{_now:O}\",\"values\":{{{values}}}}}");
        }

        return Encoding.UTF8.GetBytes(body.Append("]}").ToString());
    }
}

public sealed record RawReading(string SensorId, DateTimeOffset ObservedAt, Dictionary<string, double> Values);

public sealed record RawDocument(List<RawReading> Readings);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RawDocument))]
[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class RawJsonContext : JsonSerializerContext;
