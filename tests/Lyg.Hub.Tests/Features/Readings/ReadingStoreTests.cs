using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Lyg.Hub.Features.Readings;
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
    public async Task A_batch_of_a_hundred_sensors_costs_a_transaction_per_shard_in_each_table_and_once_known_reads_no_state_back()
    {
        var store = new ReadingStore(Tables());
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var batch = Batch(at, 100);
        var shards = batch.Select(r => ReadingStore.Shard(r.SensorId)).Distinct().Count();

        await store.StoreAsync(batch, null, default);
        var first = _requests.Reset();
        await store.StoreAsync(Batch(at.AddMinutes(1), 100), null, default);
        var next = _requests.Reset();

        // First: a transaction per shard for the readings, a query per 20 unknown sensors of a shard and a transaction per shard for the states.
        var unknownQueries = batch.GroupBy(r => ReadingStore.Shard(r.SensorId)).Sum(g => (g.Count() + 19) / 20);
        Assert.Equal(shards + unknownQueries + shards, first);
        Assert.Equal(shards + shards, next);
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
        Assert.Equal([4.0, 2.0, 3.0, 1.0], (await one.ReadDayAsync(sensor, at, default)).Select(r => ReadingStore.ValuesOf(r.Values)["v"]));
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
