using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Readings and the latest state of each sensor in Azure Tables, written as table transactions of up to 100 rows per
/// partition, never one write per reading. A reading's row is keyed by (sensor, time), so storing a batch again
/// (a replay after a crash) writes the same rows; a sensor's state only moves forward in time, checked by ETag, so a
/// late or replayed reading never replaces a newer one.
/// </summary>
public sealed class ReadingStore(TableServiceClient tables)
{
    /// <summary>Most rows in one table transaction.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>Partitions of <see cref="TableNames.SensorStates"/>: enough for parallel writes, few enough that a batch's states share them.</summary>
    public const int StatePartitions = 16;

    private const int MaxParallelTransactions = 8;
    private const int MaxStateAttempts = 3;

    /// <summary>Row keys per query when reading states: a filter of a few ORs stays well within the service's limits.</summary>
    private const int KeysPerQuery = 20;

    private readonly TableClient _readings = tables.GetTableClient(TableNames.Readings);
    private readonly TableClient _states = tables.GetTableClient(TableNames.SensorStates);

    public static string ReadingPartition(string sensorId, DateTimeOffset observedAt) =>
        $"{sensorId}|{observedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Newest first within the day: ticks counted down from the end of time.</summary>
    public static string ReadingRowKey(DateTimeOffset observedAt) =>
        (DateTimeOffset.MaxValue.UtcTicks - observedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A stable bucket of the sensor id (FNV-1a, not string.GetHashCode, which changes per process).</summary>
    public static string StatePartition(string sensorId)
    {
        ArgumentNullException.ThrowIfNull(sensorId);
        var hash = 2166136261u;
        foreach (var c in sensorId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (hash % StatePartitions).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>Stores the readings and moves each sensor's state to its latest one.</summary>
    public async Task StoreAsync(IReadOnlyList<SensorReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        // One row per (sensor, time): a transaction may not name a row twice, and the last one given wins.
        var rows = readings
            .GroupBy(r => (r.SensorId, r.ObservedAt.UtcTicks))
            .Select(g => g.Last())
            .Select(r => new ReadingRow
            {
                PartitionKey = ReadingPartition(r.SensorId, r.ObservedAt),
                RowKey = ReadingRowKey(r.ObservedAt),
                SensorId = r.SensorId,
                ObservedAt = r.ObservedAt,
                Values = Serialize(r.Values),
            })
            .ToList();
        var chunks = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList();
        await Parallel.ForEachAsync(
            chunks, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await _readings.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));

        var latest = readings.GroupBy(r => r.SensorId, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.ObservedAt)!);
        await Parallel.ForEachAsync(
            latest.GroupBy(r => StatePartition(r.SensorId), StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await MoveStatesAsync(StatePartition(chunk[0].SensorId), chunk, token));
    }

    public async Task<SensorStateRow?> FindStateAsync(string sensorId, CancellationToken cancellationToken)
    {
        var found = await _states.GetEntityIfExistsAsync<SensorStateRow>(StatePartition(sensorId), sensorId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The states of the sensors that have one, by sensor id: one query per bucket and few keys.</summary>
    public async Task<IReadOnlyDictionary<string, SensorStateRow>> FindStatesAsync(IEnumerable<string> sensorIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensorIds);
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, SensorStateRow>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            sensorIds.Distinct(StringComparer.Ordinal).GroupBy(StatePartition, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (bucket, token) =>
            {
                foreach (var (id, row) in await ReadStatesAsync(bucket.Key, bucket, token))
                {
                    found[id] = row;
                }
            });
        return found;
    }

    /// <summary>
    /// A sensor's latest readings, newest first: at most <paramref name="limit"/>, from the UTC days from
    /// <paramref name="now"/> back over <paramref name="days"/> days, one partition after another.
    /// </summary>
    public async Task<IReadOnlyList<ReadingRow>> ReadRecentAsync(string sensorId, DateTimeOffset now, int limit, int days, CancellationToken cancellationToken)
    {
        var rows = new List<ReadingRow>(limit);
        for (var day = 0; day < days && rows.Count < limit; day++)
        {
            var partition = ReadingPartition(sensorId, now.AddDays(-day));
            await foreach (var row in _readings.QueryAsync<ReadingRow>(r => r.PartitionKey == partition, maxPerPage: limit, cancellationToken: cancellationToken))
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
        await foreach (var row in _readings.QueryAsync<ReadingRow>(r => r.PartitionKey == ReadingPartition(sensorId, day), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public static IReadOnlyDictionary<string, double> ValuesOf(string json) =>
        JsonSerializer.Deserialize(json, ReadingsJsonContext.Default.DictionaryStringDouble) ?? [];

    private async Task MoveStatesAsync(string partition, SensorReading[] latest, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadStatesAsync(partition, latest.Select(r => r.SensorId), cancellationToken);
            var actions = new List<TableTransactionAction>();
            foreach (var reading in latest)
            {
                stored.TryGetValue(reading.SensorId, out var row);
                if (row is not null && row.ObservedAt >= reading.ObservedAt)
                {
                    continue;
                }

                var next = new SensorStateRow { PartitionKey = partition, RowKey = reading.SensorId, ObservedAt = reading.ObservedAt, Values = Serialize(reading.Values) };
                actions.Add(row is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, row.ETag));
            }

            if (actions.Count is 0)
            {
                return;
            }

            try
            {
                await _states.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxStateAttempts)
            {
                // Another writer moved one of these sensors since they were read: read again and decide again.
            }
        }
    }

    private async Task<Dictionary<string, SensorStateRow>> ReadStatesAsync(string partition, IEnumerable<string> sensorIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SensorStateRow>(StringComparer.Ordinal);
        foreach (var keys in sensorIds.Chunk(KeysPerQuery))
        {
            var filter = $"PartitionKey eq '{partition}' and ({string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
            await foreach (var row in _states.QueryAsync<SensorStateRow>(filter, cancellationToken: cancellationToken))
            {
                found[row.RowKey] = row;
            }
        }

        return found;
    }

    private static string Serialize(IReadOnlyDictionary<string, double> values) =>
        JsonSerializer.Serialize(values.ToDictionary(StringComparer.Ordinal), ReadingsJsonContext.Default.DictionaryStringDouble);
}

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
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class ReadingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
