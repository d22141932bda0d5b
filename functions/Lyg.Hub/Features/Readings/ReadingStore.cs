using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Readings and the latest state of each sensor in Azure Tables, written as table transactions of up to 100 rows per
/// partition, never one write per reading. Both tables are cut into the same <see cref="Shards"/> by a stable hash of
/// the sensor id — readings by shard and UTC day, rows of one sensor together and newest first — so a gateway's batch
/// of a hundred sensors costs at most a transaction per shard in each, and a sensor's readings of a day are one row
/// range of one partition. A reading's row is keyed by (sensor, time), so storing a batch again (a replay after a
/// crash) writes the same rows. A sensor's state only moves forward in time, checked by ETag; the states this store
/// wrote are kept in memory with their ETags, so a stream's steady flow reads none back, and a write refused because
/// another host moved the state reads it again and decides again.
/// </summary>
public sealed class ReadingStore(TableServiceClient tables)
{
    /// <summary>Most rows in one table transaction.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>Shards of both tables: enough for parallel writes, few enough that a batch's rows share them.</summary>
    public const int Shards = 16;

    /// <summary>States kept in memory: a city's sensors and then some; beyond it the cache starts again rather than grow.</summary>
    public const int MaxCachedStates = 250_000;

    private const int MaxParallelTransactions = 8;
    private const int MaxStateAttempts = 3;

    /// <summary>Row keys per query when reading states: a filter of a few ORs stays well within the service's limits.</summary>
    private const int KeysPerQuery = 20;

    private readonly TableClient _readings = tables.GetTableClient(TableNames.Readings);
    private readonly TableClient _states = tables.GetTableClient(TableNames.SensorStates);
    private readonly ConcurrentDictionary<string, SensorStateRow> _cachedStates = new(StringComparer.Ordinal);

    public static string ReadingPartition(string sensorId, DateTimeOffset observedAt) =>
        $"{Shard(sensorId)}|{observedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>The sensor, then its readings newest first: ticks counted down from the end of time.</summary>
    public static string ReadingRowKey(string sensorId, DateTimeOffset observedAt) =>
        $"{sensorId}|{(DateTimeOffset.MaxValue.UtcTicks - observedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}";

    /// <summary>A stable bucket of the sensor id (FNV-1a, not string.GetHashCode, which changes per process).</summary>
    public static string Shard(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var hash = 2166136261u;
        foreach (var c in sensorId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (hash % Shards).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores the readings and moves each sensor's state to its latest one. <paramref name="step"/>, when given, is told
    /// each shard's sensors with their state before and their readings newer than it, before the states move, and
    /// answers what each sensor's rules hold afterwards, stored with its state; told again if another writer moved a
    /// state meanwhile. A sensor whose readings are all older than its state is not told.
    /// </summary>
    public async Task StoreAsync(IReadOnlyList<SensorReading> readings, StateStep? step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        // One row per (sensor, time): a transaction may not name a row twice, and the last one given wins.
        var rows = readings
            .GroupBy(r => (r.SensorId, r.ObservedAt.UtcTicks))
            .Select(g => g.Last())
            .Select(r => new ReadingRow
            {
                PartitionKey = ReadingPartition(r.SensorId, r.ObservedAt),
                RowKey = ReadingRowKey(r.SensorId, r.ObservedAt),
                SensorId = r.SensorId,
                ObservedAt = r.ObservedAt,
                Values = Serialize(r.Values),
            })
            .ToList();
        var chunks = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList();
        await Parallel.ForEachAsync(
            chunks, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await _readings.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));

        var bySensor = readings.GroupBy(r => r.SensorId, StringComparer.Ordinal).Select(g => g.OrderBy(r => r.ObservedAt).ToList());
        await Parallel.ForEachAsync(
            bySensor.GroupBy(r => Shard(r[0].SensorId), StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await MoveStatesAsync(Shard(chunk[0][0].SensorId), chunk, step, token));
    }

    public async Task<SensorStateRow?> FindStateAsync(string sensorId, CancellationToken cancellationToken)
    {
        var found = await _states.GetEntityIfExistsAsync<SensorStateRow>(Shard(sensorId), sensorId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The states of the sensors that have one, by sensor id, as stored: one query per shard and few keys.</summary>
    public async Task<IReadOnlyDictionary<string, SensorStateRow>> FindStatesAsync(IEnumerable<string> sensorIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorIds);
        var found = new ConcurrentDictionary<string, SensorStateRow>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            sensorIds.Distinct(StringComparer.Ordinal).GroupBy(Shard, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (shard, token) =>
            {
                foreach (var (id, row) in await ReadStatesAsync(shard.Key, [.. shard], token))
                {
                    found[id] = row;
                }
            });
        return found;
    }

    /// <summary>Every sensor's state in one shard, as stored, page by page.</summary>
    public AsyncPageable<SensorStateRow> ReadShardAsync(string shard, CancellationToken cancellationToken) =>
        _states.QueryAsync<SensorStateRow>(TableClient.CreateQueryFilter($"PartitionKey eq {shard}"), cancellationToken: cancellationToken);

    /// <summary>
    /// Stores what a sensor's rules hold, unless its state moved since <paramref name="state"/> was read (then false:
    /// the next look decides again); the values and time stay as they are.
    /// </summary>
    public async Task<bool> TryHoldRulesAsync(SensorStateRow state, string? rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var next = new SensorStateRow { PartitionKey = state.PartitionKey, RowKey = state.RowKey, ObservedAt = state.ObservedAt, Values = state.Values, Rules = rules };
        try
        {
            var response = await _states.UpdateEntityAsync(next, state.ETag, TableUpdateMode.Replace, cancellationToken);
            next.ETag = response.Headers.ETag ?? default;
            _cachedStates[next.RowKey] = next;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            _cachedStates.TryRemove(state.RowKey, out _);
            return false;
        }
    }

    /// <summary>
    /// A sensor's latest readings, newest first: at most <paramref name="limit"/>, from the UTC days from
    /// <paramref name="now"/> back over <paramref name="days"/> days, one day's row range after another.
    /// </summary>
    public async Task<IReadOnlyList<ReadingRow>> ReadRecentAsync(string sensorId, DateTimeOffset now, int limit, int days, CancellationToken cancellationToken)
    {
        var rows = new List<ReadingRow>(limit);
        for (var day = 0; day < days && rows.Count < limit; day++)
        {
            await foreach (var row in _readings.QueryAsync<ReadingRow>(DayOf(sensorId, now.AddDays(-day)), maxPerPage: limit, cancellationToken: cancellationToken))
            {
                rows.Add(row);
                if (rows.Count == limit)
                {
                    break;
                }
            }
        }

        return rows;
    }

    /// <summary>A sensor's readings of one UTC day, newest first.</summary>
    public async Task<IReadOnlyList<ReadingRow>> ReadDayAsync(string sensorId, DateTimeOffset day, CancellationToken cancellationToken)
    {
        var rows = new List<ReadingRow>();
        await foreach (var row in _readings.QueryAsync<ReadingRow>(DayOf(sensorId, day), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static IReadOnlyDictionary<string, double> ValuesOf(string json) =>
        JsonSerializer.Deserialize(json, ReadingsJsonContext.Default.DictionaryStringDouble) ?? [];

    private async Task MoveStatesAsync(string shard, List<SensorReading>[] sensors, StateStep? step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await StatesOfAsync(shard, sensors.Select(r => r[0].SensorId), cancellationToken);
            var histories = new List<SensorHistory>();
            foreach (var ordered in sensors)
            {
                stored.TryGetValue(ordered[0].SensorId, out var before);
                var newer = before is null ? ordered : ordered.Where(r => r.ObservedAt > before.ObservedAt).ToList();
                if (newer.Count > 0)
                {
                    histories.Add(new SensorHistory(ordered[0].SensorId, before, newer));
                }
            }

            if (histories.Count is 0)
            {
                return;
            }

            var rules = step is null ? null : await step(histories, cancellationToken);
            var moved = histories.Select(h => new SensorStateRow
            {
                PartitionKey = shard,
                RowKey = h.SensorId,
                ObservedAt = h.Newer[^1].ObservedAt,
                Values = Serialize(h.Newer[^1].Values),
                Rules = rules?.GetValueOrDefault(h.SensorId) ?? h.Before?.Rules,
            }).ToList();
            var actions = histories.Select((h, i) => h.Before is null
                ? new TableTransactionAction(TableTransactionActionType.Add, moved[i])
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, moved[i], h.Before.ETag));
            try
            {
                var response = await _states.SubmitTransactionAsync(actions, cancellationToken);
                Remember(moved, response.Value);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxStateAttempts)
            {
                // Another writer moved one of these sensors since they were read: forget what this host knew, read again and decide again.
                foreach (var history in histories)
                {
                    _cachedStates.TryRemove(history.SensorId, out _);
                }
            }
        }
    }

    /// <summary>The stored states of these sensors: those this store wrote last from memory, the others read from the table.</summary>
    private async Task<Dictionary<string, SensorStateRow>> StatesOfAsync(string shard, IEnumerable<string> sensorIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SensorStateRow>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var sensorId in sensorIds)
        {
            if (_cachedStates.TryGetValue(sensorId, out var cached))
            {
                found[sensorId] = cached;
            }
            else
            {
                unknown.Add(sensorId);
            }
        }

        foreach (var (id, row) in await ReadStatesAsync(shard, unknown, cancellationToken))
        {
            found[id] = row;
        }

        return found;
    }

    /// <summary>The states of a shard's sensors in queries of a few keys each.</summary>
    private async Task<Dictionary<string, SensorStateRow>> ReadStatesAsync(string shard, IReadOnlyList<string> sensorIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SensorStateRow>(StringComparer.Ordinal);
        foreach (var keys in sensorIds.Chunk(KeysPerQuery))
        {
            var filter = $"PartitionKey eq '{shard}' and ({string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
            await foreach (var row in _states.QueryAsync<SensorStateRow>(filter, cancellationToken: cancellationToken))
            {
                found[row.RowKey] = row;
            }
        }

        return found;
    }

    /// <summary>A sensor's rows of one UTC day: a row range of its shard's partition ('}' follows the '|' after the id).</summary>
    private static string DayOf(string sensorId, DateTimeOffset day) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {ReadingPartition(sensorId, day)} and RowKey gt {sensorId + "|"} and RowKey lt {sensorId + "}"}");

    /// <summary>Keeps the states just written with the ETags the transaction answered, in the order of its actions.</summary>
    private void Remember(List<SensorStateRow> moved, IReadOnlyList<Azure.Response> responses)
    {
        if (_cachedStates.Count + moved.Count > MaxCachedStates)
        {
            _cachedStates.Clear();
        }

        for (var i = 0; i < moved.Count && i < responses.Count; i++)
        {
            if (responses[i].Headers.ETag is { } etag)
            {
                moved[i].ETag = etag;
                _cachedStates[moved[i].RowKey] = moved[i];
            }
        }
    }

    private static string Serialize(IReadOnlyDictionary<string, double> values) =>
        JsonSerializer.Serialize(values.ToDictionary(StringComparer.Ordinal), ReadingsJsonContext.Default.DictionaryStringDouble);
}

/// <summary>A sensor's state before a batch and its readings of the batch newer than it, oldest first.</summary>
public sealed record SensorHistory(string SensorId, SensorStateRow? Before, IReadOnlyList<SensorReading> Newer);

/// <summary>What the sensors' rules hold after their new readings, by sensor id (a value of the sensor's state row's <see cref="SensorStateRow.Rules"/>).</summary>
public delegate Task<IReadOnlyDictionary<string, string?>> StateStep(IReadOnlyList<SensorHistory> sensors, CancellationToken cancellationToken);

public sealed class ReadingRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SensorId { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }

    /// <summary>The values as a JSON object of names and numbers.</summary>
    public string Values { get; set; } = "{}";
}

public sealed class SensorStateRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    /// <summary>The sensor id.</summary>
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public string Values { get; set; } = "{}";

    /// <summary>What the sensor's rules hold, as the rule evaluation wrote it; null before any rule held.</summary>
    public string? Rules { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class ReadingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
