using Lyg.Hub.Features.Vehicles;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Tests.Features.Vehicles;

[Collection(AzuriteDefinition.Name)]
public sealed class TrackStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_track_across_a_day_and_many_hours_reads_in_time_order_page_by_page_within_its_range()
    {
        var vehicle = "T-" + Guid.NewGuid().ToString("N")[..10];
        var store = new TrackStore(azurite.Tables);

        // Every 20 minutes from 21:00 UTC to 03:00 UTC the next day: 19 points over two UTC days, given out of order.
        var start = new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 19).Select(i => start.AddMinutes(20 * i)).ToList();
        await store.StoreAsync([.. times.AsEnumerable().Reverse().Select((t, i) => new VehiclePosition(vehicle, t, new GeoPoint(34.59 + i * 1e-4, 119.22), i, null))], default);

        // [21:10, 02:50): the points from 21:20 to 02:40, 17 of them, read 5 at a time.
        var (from, to) = (start.AddMinutes(10), start.AddHours(5).AddMinutes(50));
        var read = new List<DateTimeOffset>();
        var cursor = from;
        var pages = 0;
        while (true)
        {
            var (points, more) = await store.ReadTrackAsync(vehicle, cursor, to, limit: 5, default);
            read.AddRange(points.Select(p => p.ObservedAt));
            pages++;
            if (!more)
            {
                break;
            }

            Assert.Equal(5, points.Count);
            cursor = points[^1].ObservedAt.AddTicks(1);
        }

        Assert.Equal(times.Where(t => t >= from && t < to).Select(t => t.UtcTicks), read.Select(t => t.UtcTicks));
        Assert.Equal(17, read.Count);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task The_range_includes_its_start_and_excludes_its_end()
    {
        var vehicle = "T-" + Guid.NewGuid().ToString("N")[..10];
        var store = new TrackStore(azurite.Tables);
        var at = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);
        await store.StoreAsync([new(vehicle, at, new GeoPoint(34.59, 119.22), null, null), new(vehicle, at.AddMinutes(1), new GeoPoint(34.59, 119.22), null, null)], default);

        var (points, more) = await store.ReadTrackAsync(vehicle, at, at.AddMinutes(1), 10, default);

        Assert.Equal([at.UtcTicks], points.Select(p => p.ObservedAt.UtcTicks));
        Assert.False(more);
    }
}
