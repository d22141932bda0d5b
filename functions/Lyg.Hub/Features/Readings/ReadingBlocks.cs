using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// A sensor's readings kept in blocks instead of a row each: the open block travels in the sensor's state row, so a
/// reading costs one entity write (its state's, which moves anyway), and a block is closed into a history row of its
/// own when it is full or a reading of a later UTC day arrives. Readings older than the open block (late ones, or a
/// replay of readings already closed) are closed at once into blocks of their own. A closed block's key names its
/// newest reading and a hash of its readings' times, so closing the same readings again writes the same row and two
/// hosts closing different versions of one block leave both: a sensor's history is the union of its rows and its
/// open block, one reading per time.
/// </summary>
public static class ReadingBlocks
{
    /// <summary>
    /// Readings per block. Each reading rewrites its sensor's open block, so a block of n readings costs about n/2
    /// readings' bytes per write, and a closed block costs a row: twelve keeps both small (a sensor that reports each
    /// minute closes a block every twelve minutes, 120 rows a day instead of 1,440).
    /// </summary>
    public const int MaxReadings = 12;

    /// <summary>A table string property holds 32K UTF-16 characters: a block is closed well before its JSON nears that.</summary>
    public const int MaxJsonLength = 16_000;

    /// <summary>What a sensor's new readings do to its blocks, given its state before (null for a new sensor).</summary>
    /// <param name="ordered">The sensor's readings of a batch, oldest first.</param>
    public static BlockStep Merge(SensorStateRow? before, IReadOnlyList<SensorReading> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var sensorId = ordered[0].SensorId;
        var open = (before?.OpenReadings ?? Parse(sensorId, before?.Block)).ToList();
        var closed = new List<IReadOnlyList<SensorReading>>();
        var late = new List<SensorReading>();
        var changed = false;
        foreach (var reading in ordered)
        {
            if (open.Count > 0 && (reading.ObservedAt < open[0].ObservedAt || Day(reading) < Day(open[0])))
            {
                late.Add(reading);
                continue;
            }

            if (open.Count > 0 && Day(reading) > Day(open[0]))
            {
                closed.Add(open);
                open = [];
            }

            changed |= Put(open, reading);
            if (open.Count >= MaxReadings || open.Sum(JsonLength) > MaxJsonLength)
            {
                closed.Add(open);
                open = [];
            }
        }

        closed.AddRange(late.GroupBy(Day).Select(d => (IReadOnlyList<SensorReading>)[.. d.OrderBy(r => r.ObservedAt)]));
        var newer = before is null ? ordered : [.. ordered.Where(r => r.ObservedAt > before.ObservedAt)];
        return new BlockStep(newer, open, closed, changed || closed.Count > 0 || newer.Count > 0);
    }

    /// <summary>The readings of a block as stored, oldest first; none for null.</summary>
    public static IReadOnlyList<SensorReading> Parse(string sensorId, string? json) =>
        json is null
            ? []
            : [.. (JsonSerializer.Deserialize(json, ReadingBlocksJsonContext.Default.ListBlockEntry) ?? [])
                .Select(e => new SensorReading(sensorId, new DateTimeOffset(e.T, TimeSpan.Zero), e.V))];

    /// <summary>A block as stored: its readings' times (UTC ticks) and values, oldest first: <c>[{"t":…,"v":{"name":value}}]</c>.</summary>
    public static string Serialize(IEnumerable<SensorReading> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var reading in block)
            {
                json.WriteStartObject();
                json.WriteNumber("t", reading.ObservedAt.UtcTicks);
                json.WriteStartObject("v");
                foreach (var (name, value) in reading.Values)
                {
                    json.WriteNumber(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An upper bound of a reading's length in a block's JSON: names are ASCII, a double takes at most 24 characters.</summary>
    private static int JsonLength(SensorReading reading) => 32 + reading.Values.Sum(v => v.Key.Length + 28);

    /// <summary>A closed block's row key: the sensor, its newest reading counted down from the end of time (newest first), and a hash of its times.</summary>
    public static string RowKey(IReadOnlyList<SensorReading> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return $"{block[0].SensorId}|{StableKeys.NewestFirst(block[^1].ObservedAt)}|{StableKeys.HashOf(block.Select(r => r.ObservedAt))}";
    }

    /// <summary>The readings of several blocks as one history, newest first, one reading per time (the first block named wins).</summary>
    public static IReadOnlyList<SensorReading> Union(IEnumerable<IReadOnlyList<SensorReading>> blocks) =>
        [.. blocks.SelectMany(b => b).DistinctBy(r => r.ObservedAt.UtcTicks).OrderByDescending(r => r.ObservedAt)];

    private static DateTime Day(SensorReading reading) => reading.ObservedAt.UtcDateTime.Date;

    /// <summary>Puts the reading in its place by time; one at the same time is replaced (the last given wins). False when the block already held it.</summary>
    private static bool Put(List<SensorReading> block, SensorReading reading)
    {
        var at = block.FindLastIndex(r => r.ObservedAt <= reading.ObservedAt);
        if (at >= 0 && block[at].ObservedAt == reading.ObservedAt)
        {
            if (SameValues(block[at].Values, reading.Values))
            {
                return false;
            }

            block[at] = reading;
            return true;
        }

        block.Insert(at + 1, reading);
        return true;
    }

    private static bool SameValues(IReadOnlyDictionary<string, double> one, IReadOnlyDictionary<string, double> other) =>
        one.Count == other.Count && one.All(v => other.TryGetValue(v.Key, out var value) && value.Equals(v.Value));
}

/// <summary>
/// A sensor's batch against its blocks: the readings newer than its state (for its rules), the open block to store with
/// the state, the blocks to close into history rows, and whether its state row must be written at all.
/// </summary>
public sealed record BlockStep(IReadOnlyList<SensorReading> Newer, IReadOnlyList<SensorReading> Open, IReadOnlyList<IReadOnlyList<SensorReading>> Closed, bool Changed);

/// <summary>One reading in a block: <c>{"t": UTC ticks, "v": {"name": value}}</c>.</summary>
internal sealed record BlockEntry(long T, Dictionary<string, double> V);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<BlockEntry>))]
internal sealed partial class ReadingBlocksJsonContext : JsonSerializerContext;
