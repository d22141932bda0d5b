using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Features.Readings;

/// <summary>
/// What a gateway's batch costs in table requests, counted on the wire, and what two hosts writing the same sensors
/// leave behind. Each test writes sensors of its own.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class ReadingStoreTests(AzuriteFixture azurite)
{
    private readonly CountingPolicy _requests = new();
    private readonly string _prefix = "RS-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_batch_of_a_hundred_sensors_costs_a_transaction_per_shard_and_once_known_reads_no_state_back()
    {
        var store = new ReadingStore(Tables());
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var batch = Batch(at, 100);
        var shards = batch.Select(r => ReadingStore.Shard(r.SensorId)).Distinct().Count();

        await store.StoreAsync(batch, null, default);
        var first = _requests.Reset();
        await store.StoreAsync(Batch(at.AddMinutes(1), 100), null, default);
        var next = _requests.Reset();

        // First: a query per 20 unknown sensors of a shard and a transaction per shard for the states, which carry the readings.
        var unknownQueries = batch.GroupBy(r => ReadingStore.Shard(r.SensorId)).Sum(g => (g.Count() + 19) / 20);
        Assert.Equal(unknownQueries + shards, first);
        Assert.Equal(shards, next);
    }

    [Fact]
    public async Task A_sensors_day_reads_only_its_own_rows_newest_first()
    {
        var store = new ReadingStore(Tables());
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        // "X" and "X.1" share nothing but a prefix; "X" may land in another shard or the same.
        await store.StoreAsync(
            [Reading($"{_prefix}-X", at, 1), Reading($"{_prefix}-X", at.AddMinutes(1), 2), Reading($"{_prefix}-X.1", at, 3), Reading($"{_prefix}-X", at.AddDays(1), 4)], null, default);

        var rows = await store.ReadDayAsync($"{_prefix}-X", at, default);

        Assert.Equal([at.AddMinutes(1), at], rows.Select(r => r.ObservedAt));
        Assert.All(rows, r => Assert.Equal($"{_prefix}-X", r.SensorId));
    }

    [Fact]
    public async Task A_host_whose_remembered_state_another_host_moved_reads_it_again_and_never_moves_it_back()
    {
        var (one, other) = (new ReadingStore(Tables()), new ReadingStore(Tables()));
        var sensor = $"{_prefix}-S";
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await one.StoreAsync([Reading(sensor, at, 1)], null, default);
        await other.StoreAsync([Reading(sensor, at.AddMinutes(2), 2)], null, default);

        await one.StoreAsync([Reading(sensor, at.AddMinutes(1), 3)], null, default);
        var afterLate = (await one.FindStateAsync(sensor, default))!;
        await one.StoreAsync([Reading(sensor, at.AddMinutes(3), 4)], null, default);

        Assert.Equal((at.AddMinutes(2), 2.0), (afterLate.ObservedAt, ReadingStore.ValuesOf(afterLate.Values)["v"]));
        var state = (await one.FindStateAsync(sensor, default))!;
        Assert.Equal((at.AddMinutes(3), 4.0), (state.ObservedAt, ReadingStore.ValuesOf(state.Values)["v"]));
        Assert.Equal([4.0, 2.0, 3.0, 1.0], (await one.ReadDayAsync(sensor, at, default)).Select(r => r.Values["v"]));
    }

    [Fact]
    public async Task The_state_step_hears_each_sensors_state_before_and_its_newer_readings_in_order_and_what_it_answers_is_stored_with_the_state()
    {
        var store = new ReadingStore(Tables());
        var sensor = $"{_prefix}-R";
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var told = new List<SensorHistory>();
        Task<IReadOnlyDictionary<string, string?>> Step(IReadOnlyList<SensorHistory> sensors, CancellationToken _)
        {
            told.AddRange(sensors);
            return Task.FromResult<IReadOnlyDictionary<string, string?>>(sensors.ToDictionary(h => h.SensorId, h => (string?)$"seen {h.Newer.Count}"));
        }

        await store.StoreAsync([Reading(sensor, at.AddMinutes(1), 2), Reading(sensor, at, 1)], Step, default);
        await store.StoreAsync([Reading(sensor, at, 1), Reading(sensor, at.AddMinutes(2), 3)], Step, default);
        await store.StoreAsync([Reading(sensor, at.AddMinutes(1), 2)], Step, default);

        Assert.Equal(2, told.Count);
        Assert.Null(told[0].Before);
        Assert.Equal([1.0, 2.0], told[0].Newer.Select(r => r.Values["v"]));
        Assert.Equal((at.AddMinutes(1), "seen 2"), (told[1].Before!.ObservedAt, told[1].Before!.Rules));
        Assert.Equal([3.0], told[1].Newer.Select(r => r.Values["v"]));
        Assert.Equal("seen 1", (await store.FindStateAsync(sensor, default))!.Rules);
    }

    [Fact]
    public async Task When_the_step_answers_that_no_rule_holds_any_more_the_state_holds_none()
    {
        var store = new ReadingStore(Tables());
        var sensor = $"{_prefix}-N";
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        await store.StoreAsync([Reading(sensor, at, 1)], (h, _) => Answer(h, """{"level-high":"orange"}"""), default);

        await store.StoreAsync([Reading(sensor, at.AddMinutes(1), 0)], (h, _) => Answer(h, null), default);

        Assert.Null((await store.FindStateAsync(sensor, default))!.Rules);

        static Task<IReadOnlyDictionary<string, string?>> Answer(IReadOnlyList<SensorHistory> sensors, string? rules) =>
            Task.FromResult<IReadOnlyDictionary<string, string?>>(sensors.ToDictionary(h => h.SensorId, _ => rules));
    }

    [Fact]
    public async Task Full_blocks_are_closed_into_history_rows_and_a_day_reads_them_and_the_open_one_newest_first()
    {
        var store = new ReadingStore(Tables());
        var sensor = $"{_prefix}-B";
        var day = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        var readings = Enumerable.Range(0, 150).Select(m => Reading(sensor, day.AddMinutes(m), m)).ToList();
        foreach (var batch in readings.Chunk(10))
        {
            await store.StoreAsync(batch, null, default);
        }

        var read = await store.ReadDayAsync(sensor, day, default);

        Assert.Equal(Enumerable.Range(0, 150).Reverse().Select(m => (double)m), read.Select(r => r.Values["v"]));
        Assert.Equal(150 / ReadingBlocks.MaxReadings, (await HistoryRowsAsync(sensor, day)).Count);
        Assert.Equal(150 % ReadingBlocks.MaxReadings, ReadingBlocks.Parse(sensor, (await store.FindStateAsync(sensor, default))!.Block).Count);
    }

    [Fact]
    public async Task A_reading_of_a_later_day_closes_the_open_block_into_its_own_days_history()
    {
        var store = new ReadingStore(Tables());
        var sensor = $"{_prefix}-D";
        var midnight = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

        await store.StoreAsync([Reading(sensor, midnight.AddMinutes(-2), 1), Reading(sensor, midnight.AddMinutes(-1), 2)], null, default);
        await store.StoreAsync([Reading(sensor, midnight, 3)], null, default);

        Assert.Equal([2.0, 1.0], (await store.ReadDayAsync(sensor, midnight.AddDays(-1), default)).Select(r => r.Values["v"]));
        Assert.Equal([3.0], (await store.ReadDayAsync(sensor, midnight, default)).Select(r => r.Values["v"]));
        Assert.Single(await HistoryRowsAsync(sensor, midnight.AddDays(-1)));
        Assert.Empty(await HistoryRowsAsync(sensor, midnight));
    }

    [Fact]
    public async Task A_replayed_batch_costs_no_write_while_its_readings_are_open_and_reads_once_after_they_were_closed()
    {
        var store = new ReadingStore(Tables());
        var sensor = $"{_prefix}-P";
        var at = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        var first = Enumerable.Range(0, 5).Select(m => Reading(sensor, at.AddMinutes(m), m)).ToList();
        await store.StoreAsync(first, null, default);
        _requests.Reset();

        await store.StoreAsync(first, null, default);
        var replayRequests = _requests.Reset();
        await store.StoreAsync([.. Enumerable.Range(5, ReadingBlocks.MaxReadings).Select(m => Reading(sensor, at.AddMinutes(m), m))], null, default);
        await store.StoreAsync(first, null, default);

        Assert.Equal(0, replayRequests);
        Assert.Equal(Enumerable.Range(0, 5 + ReadingBlocks.MaxReadings).Reverse().Select(m => (double)m), (await store.ReadDayAsync(sensor, at, default)).Select(r => r.Values["v"]));
    }

    [Fact]
    public async Task Two_hosts_closing_one_block_at_once_lose_no_reading()
    {
        var (one, other) = (new ReadingStore(Tables()), new ReadingStore(Tables()));
        var sensor = $"{_prefix}-C";
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var almostFull = Enumerable.Range(0, ReadingBlocks.MaxReadings - 1).Select(m => Reading(sensor, at.AddMinutes(m), m)).ToList();
        await one.StoreAsync(almostFull, null, default);
        // The other host learns the same state, then both close the block with a reading of their own.
        await other.StoreAsync(almostFull, null, default);
        await other.StoreAsync([Reading(sensor, at.AddSeconds(-30), -1)], null, default);

        await one.StoreAsync([Reading(sensor, at.AddMinutes(100), 100)], null, default);
        await other.StoreAsync([Reading(sensor, at.AddMinutes(101), 101)], null, default);

        var read = (await one.ReadDayAsync(sensor, at, default)).Select(r => r.Values["v"]).ToList();
        Assert.Equal([101.0, 100.0, .. Enumerable.Range(0, ReadingBlocks.MaxReadings - 1).Reverse().Select(m => (double)m), -1.0], read);
        Assert.Equal(at.AddMinutes(101), (await one.FindStateAsync(sensor, default))!.ObservedAt);
    }

    private async Task<List<ReadingBlockRow>> HistoryRowsAsync(string sensor, DateTimeOffset day)
    {
        var rows = new List<ReadingBlockRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReadingStore.HistoryPartition(day)} and SensorId eq {sensor}");
        await foreach (var row in new TableServiceClient(azurite.ConnectionString).GetTableClient(TableNames.Readings).QueryAsync<ReadingBlockRow>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private List<SensorReading> Batch(DateTimeOffset at, int sensors) => [.. Enumerable.Range(0, sensors).Select(i => Reading($"{_prefix}-{i:D3}", at, i))];

    private static SensorReading Reading(string sensor, DateTimeOffset at, double value) => new(sensor, at, new Dictionary<string, double> { ["v"] = value });

    private TableServiceClient Tables()
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(azurite.ConnectionString, options);
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
