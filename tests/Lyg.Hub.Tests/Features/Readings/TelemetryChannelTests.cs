using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Tests.Features.Readings;

public sealed class TelemetryChannelTests
{
    [Fact]
    public async Task Documents_come_out_in_batches_of_what_waits_numbered_in_arrival_order()
    {
        var channel = new TelemetryChannel();
        for (var i = 0; i < 5; i++)
        {
            await channel.WriteAsync(BinaryData.FromString($"doc {i}"), default);
        }

        var first = await channel.ReadBatchAsync(3, default);
        var second = await channel.ReadBatchAsync(3, default);

        Assert.Equal(["doc 0", "doc 1", "doc 2"], first.Select(e => e.EventBody.ToString()));
        Assert.Equal([4L, 5], second.Select(e => e.SequenceNumber));
    }

    [Fact]
    public async Task A_read_waits_for_the_next_document()
    {
        var channel = new TelemetryChannel();
        var read = channel.ReadBatchAsync(10, default);
        Assert.False(read.IsCompleted);

        await channel.WriteAsync(BinaryData.FromString("late"), default);

        Assert.Equal("late", Assert.Single(await read.WaitAsync(TimeSpan.FromSeconds(5))).EventBody.ToString());
    }
}
