using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Readings;

/// <summary>
/// Readings and the latest state of each sensor in Azure Tables, written as table transactions of up to 100 rows,
/// never one write per reading. A sensor's readings are kept in blocks (<see cref="ReadingBlocks"/>): the open one in
/// its row of <c>SensorStates</c>, which each batch writes anyway to move the state, closed ones as rows of
/// <c>Readings</c>, a partition per UTC day, so the blocks a batch closes are one transaction and a reading costs about
/// one entity write. States are cut into <see cref="Shards"/> stable buckets of the sensor id, so a gateway's batch of
/// a hundred sensors costs a transaction per shard. Storing a batch again (a replay after a crash) changes nothing a
/// reader sees. A sensor's state only moves forward in time, checked by ETag; the states this store wrote are kept in
/// memory with their ETags, so a stream's steady flow reads none back, and a write refused because another host moved
/// the state reads it again and decides again.
/// </summary>
public sealed class ReadingStore(TableServiceClient tables)
{
    /// <summary>Most rows in one table transaction.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>
    /// Shards of the states (and of the sensor registry). A batch costs a state transaction per shard it touches, and a transaction's fixed cost
    /// outweighs its rows', so few shards; four keep each partition near 500 entity writes a second at the city's
    /// 1,700 readings a second, a quarter of what an Azure Tables partition is meant to take.
    /// </summary>
    public const int Shards = 4;

    /// <summary>States kept in memory: a city's sensors and then some; beyond it the cache starts again rather than grow.</summary>
    public const int MaxCachedStates = 250_000;

    private const int MaxParallelTransactions = 8;
    private const int MaxStateAttempts = 3;

    /// <summary>Row keys per query when reading states: a filter of a few ORs stays well within the service's limits.</summary>
    private const int KeysPerQuery = 20;

    private readonly TableClient _readings = tables.GetTableClient(TableNames.Readings);
    private readonly TableClient _states = tables.GetTableClient(TableNames.SensorStates);
    private readonly ConcurrentDictionary<string, SensorStateRow> _cachedStates = new(StringComparer.Ordinal);

    /// <summary>The partition of the blocks closed of one UTC day.</summary>
    public static string HistoryPartition(DateTimeOffset day) => day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>A stable bucket of the sensor id.</summary>
    public static string Shard(string sensorId) => StableKeys.Bucket(sensorId, Shards);

    /// <summary>
    /// Stores the readings and moves each sensor's state to its latest one. <paramref name="step"/>, when given, is told
    /// each shard's sensors with their state before and their readings newer than it, before the states move, and
    /// answers what each sensor's rules hold afterwards, stored with its state; told again if another writer moved a
    /// state meanwhile. A sensor whose readings are all older than its state is not told.
    /// </summary>
    public async Task StoreAsync(IReadOnlyList<SensorReading> readings, StateStep? step, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken };
        var decisions = new ConcurrentBag<StateDecision>();
        await Parallel.ForEachAsync(Plan(readings), parallel, async (chunk, token) =>
        {
            if (await DecideAsync(Shard(chunk[0][0].SensorId), chunk, step, token) is { } decision)
            {
                decisions.Add(decision);
            }
        });

        // Closed blocks before the states that leave them: a crash in between leaves a block both closed and open,
        // which readers take as one. A day's blocks share a partition, so the batch's are usually one transaction.
        await CloseAsync(decisions.SelectMany(d => d.Closed), cancellationToken);
        await Parallel.ForEachAsync(decisions, parallel, async (decision, token) => await CommitAsync(decision, step, token));
    }

    /// <summary>
    /// A batch's state transactions, decided without storage: each sensor's readings in time order, one reading per
    /// time (the last one given wins), up to 100 sensors of one shard in each.
    /// </summary>
    public static IReadOnlyList<List<SensorReading>[]> Plan(IReadOnlyList<SensorReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var bySensor = readings
            .GroupBy(r => r.SensorId, StringComparer.Ordinal)
            .Select(g => g.GroupBy(r => r.ObservedAt.UtcTicks).Select(t => t.Last()).OrderBy(r => r.ObservedAt).ToList());
        return [.. bySensor.GroupBy(r => Shard(r[0].SensorId), StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows))];
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
        var next = new SensorStateRow
        {
            PartitionKey = state.PartitionKey, RowKey = state.RowKey, ObservedAt = state.ObservedAt, Values = state.Values, Rules = rules, Block = state.Block,
            OpenReadings = state.OpenReadings, LatestValues = state.LatestValues,
        };
        try
        {
            var response = await _states.UpdateEntityAsync(next, state.ETag, TableUpdateMode.Replace, cancellationToken);
            next.ETag = response.Headers.ETag ?? default;
            _cachedStates[next.SensorId] = next;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            _cachedStates.TryRemove(state.SensorId, out _);
            return false;
        }
    }

    /// <summary>
    /// A sensor's latest readings, newest first: at most <paramref name="limit"/>, from the UTC days from
    /// <paramref name="now"/> back over <paramref name="days"/> days, its open block and then one day's rows after another.
    /// </summary>
    public async Task<IReadOnlyList<SensorReading>> ReadRecentAsync(string sensorId, DateTimeOffset now, int limit, int days, CancellationToken cancellationToken)
    {
        var open = ReadingBlocks.Parse(sensorId, (await FindStateAsync(sensorId, cancellationToken))?.Block);
        var blocks = new List<IReadOnlyList<SensorReading>> { open };
        var found = open.Count;
        for (var day = 0; day < days && found < limit; day++)
        {
            var closed = await ReadClosedAsync(sensorId, now.AddDays(-day), cancellationToken);
            blocks.AddRange(closed);
            found += closed.Sum(b => b.Count);
        }

        return [.. ReadingBlocks.Union(blocks).Take(limit)];
    }

    /// <summary>A sensor's readings of one UTC day, newest first.</summary>
    public async Task<IReadOnlyList<SensorReading>> ReadDayAsync(string sensorId, DateTimeOffset day, CancellationToken cancellationToken)
    {
        var open = ReadingBlocks.Parse(sensorId, (await FindStateAsync(sensorId, cancellationToken))?.Block);
        var blocks = await ReadClosedAsync(sensorId, day, cancellationToken);
        blocks.Add([.. open.Where(r => r.ObservedAt.UtcDateTime.Date == day.UtcDateTime.Date)]);
        return ReadingBlocks.Union(blocks);
    }

    public static IReadOnlyDictionary<string, double> ValuesOf(string json) =>
        JsonSerializer.Deserialize(json, ReadingsJsonContext.Default.DictionaryStringDouble) ?? [];

    /// <summary>What a shard's sensors' readings do to their states and blocks, with what their rules hold; null when nothing changes.</summary>
    private async Task<StateDecision?> DecideAsync(string shard, List<SensorReading>[] sensors, StateStep? step, CancellationToken cancellationToken)
    {
        var stored = await StatesOfAsync(shard, sensors.Select(r => r[0].SensorId), cancellationToken);
        var steps = new List<(string SensorId, SensorStateRow? Before, BlockStep Step)>();
        foreach (var ordered in sensors)
        {
            stored.TryGetValue(ordered[0].SensorId, out var before);
            var blockStep = ReadingBlocks.Merge(before, ordered);
            if (blockStep.Changed)
            {
                steps.Add((ordered[0].SensorId, before, blockStep));
            }
        }

        if (steps.Count is 0)
        {
            return null;
        }

        var histories = steps.Where(s => s.Step.Newer.Count > 0).Select(s => new SensorHistory(s.SensorId, s.Before, s.Step.Newer)).ToList();
        var rules = step is null || histories.Count is 0 ? null : await step(histories, cancellationToken);
        var moved = steps.Select(s => new SensorStateRow
        {
            PartitionKey = shard,
            RowKey = s.SensorId,
            ObservedAt = s.Step.Newer.Count > 0 ? s.Step.Newer[^1].ObservedAt : s.Before!.ObservedAt,
            Values = s.Step.Newer.Count > 0 ? Serialize(s.Step.Newer[^1].Values) : s.Before!.Values,
            // The step's answer for a sensor is what its rules hold now, null when nothing holds.
            Rules = rules is not null && rules.TryGetValue(s.SensorId, out var held) ? held : s.Before?.Rules,
            Block = s.Step.Open.Count > 0 ? ReadingBlocks.Serialize(s.Step.Open) : null,
            OpenReadings = s.Step.Open,
            LatestValues = s.Step.Newer.Count > 0 ? s.Step.Newer[^1].Values : s.Before!.LatestValues,
        }).ToList();
        var actions = steps.Select((s, i) => s.Before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, moved[i])
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, moved[i], s.Before.ETag)).ToList();
        return new StateDecision(shard, sensors, moved, actions, [.. steps.SelectMany(s => s.Step.Closed)]);
    }

    /// <summary>Moves the states as decided; when another writer moved one meanwhile, forgets what this host knew of them and decides again.</summary>
    private async Task CommitAsync(StateDecision decision, StateStep? step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await _states.SubmitTransactionAsync(decision.Actions, cancellationToken);
                Remember(decision.Moved, response.Value);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxStateAttempts)
            {
                foreach (var row in decision.Moved)
                {
                    _cachedStates.TryRemove(row.SensorId, out _);
                }

                if (await DecideAsync(decision.Shard, decision.Sensors, step, cancellationToken) is not { } again)
                {
                    return;
                }

                await CloseAsync(again.Closed, cancellationToken);
                decision = again;
            }
        }
    }

    /// <summary>Writes closed blocks as rows of their days, in transactions of up to 100; a block closed before is the same row again.</summary>
    private async Task CloseAsync(IEnumerable<IReadOnlyList<SensorReading>> blocks, CancellationToken cancellationToken)
    {
        var rows = blocks.Select(b => new ReadingBlockRow
        {
            PartitionKey = HistoryPartition(b[0].ObservedAt),
            RowKey = ReadingBlocks.RowKey(b),
            SensorId = b[0].SensorId,
            From = b[0].ObservedAt,
            To = b[^1].ObservedAt,
            Count = b.Count,
            Readings = ReadingBlocks.Serialize(b),
        }).DistinctBy(r => (r.PartitionKey, r.RowKey));
        await Parallel.ForEachAsync(
            rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await _readings.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
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
                found[row.SensorId] = row;
            }
        }

        return found;
    }

    /// <summary>A sensor's closed blocks of one UTC day, newest first.</summary>
    private async Task<List<IReadOnlyList<SensorReading>>> ReadClosedAsync(string sensorId, DateTimeOffset day, CancellationToken cancellationToken)
    {
        var blocks = new List<IReadOnlyList<SensorReading>>();
        await foreach (var row in _readings.QueryAsync<ReadingBlockRow>(DayOf(sensorId, day), cancellationToken: cancellationToken))
        {
            blocks.Add(ReadingBlocks.Parse(sensorId, row.Readings));
        }

        return blocks;
    }

    /// <summary>A sensor's closed blocks of one UTC day: a row range of the day's partition ('}' follows the '|' after the id).</summary>
    private static string DayOf(string sensorId, DateTimeOffset day) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {HistoryPartition(day)} and RowKey gt {sensorId + "|"} and RowKey lt {sensorId + "}"}");

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
                _cachedStates[moved[i].SensorId] = moved[i];
            }
        }
    }

    private static string Serialize(IReadOnlyDictionary<string, double> values) =>
        JsonSerializer.Serialize(values.ToDictionary(StringComparer.Ordinal), ReadingsJsonContext.Default.DictionaryStringDouble);
}

/// <summary>A shard's decided state transaction: its sensors' readings, the states to write and how, and the blocks they close.</summary>
internal sealed record StateDecision(
    string Shard, List<SensorReading>[] Sensors, List<SensorStateRow> Moved, List<TableTransactionAction> Actions, IReadOnlyList<IReadOnlyList<SensorReading>> Closed);

/// <summary>A sensor's state before a batch and its readings of the batch newer than it, oldest first.</summary>
public sealed record SensorHistory(string SensorId, SensorStateRow? Before, IReadOnlyList<SensorReading> Newer);

/// <summary>What the sensors' rules hold after their new readings, by sensor id (a value of the sensor's state row's <see cref="SensorStateRow.Rules"/>).</summary>
public delegate Task<IReadOnlyDictionary<string, string?>> StateStep(IReadOnlyList<SensorHistory> sensors, CancellationToken cancellationToken);

/// <summary>A closed block of one sensor's readings of one UTC day (<see cref="ReadingBlocks"/>), with its first and last times for Storage Explorer; row key <c>{sensorId}|{newest first}|{hash}</c>.</summary>
public sealed class ReadingBlockRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string SensorId { get; set; } = "";
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public int Count { get; set; }

    /// <summary>The readings as <see cref="ReadingBlocks.Serialize"/> writes them.</summary>
    public string Readings { get; set; } = "[]";
}

public sealed class SensorStateRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    /// <summary>The sensor id.</summary>
    public string RowKey { get; set; } = "";

    [IgnoreDataMember]
    public string SensorId => RowKey;

    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public string Values { get; set; } = "{}";

    /// <summary>What the sensor's rules hold, as the rule evaluation wrote it; null before any rule held.</summary>
    public string? Rules { get; set; }

    /// <summary>The open block of its readings (<see cref="ReadingBlocks"/>); null when the last one was just closed.</summary>
    public string? Block { get; set; }

    /// <summary>The open block as readings, kept with a state this host wrote so the next batch need not parse it; never stored.</summary>
    [IgnoreDataMember]
    public IReadOnlyList<SensorReading>? OpenReadings { get; set; }

    /// <summary>The latest values as read, kept with a state this host wrote; never stored.</summary>
    [IgnoreDataMember]
    public IReadOnlyDictionary<string, double>? LatestValues { get; set; }

    /// <summary>The latest values, parsed once.</summary>
    public IReadOnlyDictionary<string, double> Latest() => LatestValues ??= ReadingStore.ValuesOf(Values);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class ReadingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
