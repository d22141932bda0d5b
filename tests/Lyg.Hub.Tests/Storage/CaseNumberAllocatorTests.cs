using System.Globalization;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
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
        var allocator = new CaseNumberAllocator(azurite.Tables, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero)));

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => allocator.NextAsync(CancellationToken.None)));

        Assert.All(ids, id => Assert.Matches("^LYG-20261126-[0-9]{6}$", id));
        Assert.Equal(
            Enumerable.Range(1, 20),
            ids.Select(id => int.Parse(id["LYG-20261126-".Length..], CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public async Task Numbers_follow_one_another_within_a_day_and_restart_at_china_midnight()
    {
        // 15:59:59 UTC is 23:59:59 in China; one second later it is the next China day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 9, 15, 59, 58, TimeSpan.Zero));
        var allocator = new CaseNumberAllocator(azurite.Tables, clock);

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
    public async Task Two_allocators_over_one_table_share_the_sequence()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2028, 1, 1, 4, 0, 0, TimeSpan.Zero));
        var one = new CaseNumberAllocator(azurite.Tables, clock);
        var other = new CaseNumberAllocator(azurite.Tables, clock);

        Assert.Equal("LYG-20280101-000001", await one.NextAsync(CancellationToken.None));
        Assert.Equal("LYG-20280101-000002", await other.NextAsync(CancellationToken.None));
        Assert.Equal("LYG-20280101-000003", await one.NextAsync(CancellationToken.None));
    }
}
