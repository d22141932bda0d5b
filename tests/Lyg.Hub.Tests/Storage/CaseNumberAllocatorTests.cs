using System.Globalization;
using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Storage;

/// <summary>Each test numbers its own day, so the shared counters table never mixes them.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseNumberAllocatorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Twenty_concurrent_intakes_get_twenty_consecutive_numbers_of_the_china_day()
    {
        // 17:00 UTC on 25 November is 01:00 on 26 November in China.
        var allocator = Allocator(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero)), blockSize: 5);

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => allocator.NextAsync(CancellationToken.None)));

        Assert.All(ids, id => Assert.Matches("^LYG-20261126-[0-9]{6}$", id));
        Assert.Equal(Enumerable.Range(1, 20), ids.Select(Number).Order());
    }

    [Fact]
    public async Task Numbers_follow_one_another_within_a_day_and_restart_at_china_midnight()
    {
        // 15:59:59 UTC is 23:59:59 in China; one second later it is the next China day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 9, 15, 59, 58, TimeSpan.Zero));
        var allocator = Allocator(clock, blockSize: 20);

        var first = await allocator.NextAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await allocator.NextAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        var nextDay = await allocator.NextAsync(CancellationToken.None);

        Assert.Equal("LYG-20270309-000001", first);
        Assert.Equal("LYG-20270309-000002", second);
        Assert.Equal("LYG-20270310-000001", nextDay);
    }

    [Fact]
    public async Task Two_hosts_over_one_table_never_hand_out_the_same_number_and_write_the_counter_once_per_block()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2028, 1, 1, 4, 0, 0, TimeSpan.Zero));
        var hosts = new[] { Allocator(clock, blockSize: 10), Allocator(clock, blockSize: 10) };

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => hosts[i % 2].NextAsync(CancellationToken.None)));

        Assert.Equal(200, ids.Distinct(StringComparer.Ordinal).Count());
        var counter = await azurite.Tables.GetTableClient(TableNames.Counters).GetEntityAsync<TableEntity>("case-number", "20280101");
        var blocksTaken = (counter.Value.GetInt64("Next")!.Value - 1) / 10;

        // 100 numbers per host in blocks of 10: at most one block each beyond what they handed out.
        Assert.InRange(blocksTaken, 20, 22);
        Assert.All(ids, id => Assert.InRange(Number(id), 1, blocksTaken * 10));
    }

    private CaseNumberAllocator Allocator(TimeProvider clock, int blockSize) =>
        new(azurite.Tables, Options.Create(new CaseNumberOptions { BlockSize = blockSize }), clock);

    private static int Number(string id) => int.Parse(id["LYG-yyyyMMdd-".Length..], CultureInfo.InvariantCulture);
}
