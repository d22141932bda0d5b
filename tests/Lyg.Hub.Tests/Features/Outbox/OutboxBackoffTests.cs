using Lyg.Hub.Features.Outbox;

namespace Lyg.Hub.Tests.Features.Outbox;

public sealed class OutboxBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(9, 512)]
    [InlineData(10, 600)]
    [InlineData(1000, 600)]
    public void The_delay_is_drawn_below_base_times_two_to_the_failures_so_far_up_to_the_cap(int attempts, int ceilingSeconds)
    {
        var ceiling = TimeSpan.FromSeconds(ceilingSeconds);

        Assert.Equal(TimeSpan.Zero, OutboxBackoff.Delay(attempts, Base, Cap, 0, null));
        Assert.Equal(ceiling / 2, OutboxBackoff.Delay(attempts, Base, Cap, 0.5, null));
        Assert.InRange(OutboxBackoff.Delay(attempts, Base, Cap, 0.999999, null), ceiling * 0.999, ceiling);
    }

    [Fact]
    public void A_retry_after_longer_than_the_draw_is_honoured_and_a_shorter_one_changes_nothing()
    {
        Assert.Equal(TimeSpan.FromHours(2), OutboxBackoff.Delay(3, Base, Cap, 0.5, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromSeconds(4), OutboxBackoff.Delay(3, Base, Cap, 0.5, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Attempts_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxBackoff.Delay(0, Base, Cap, 0.5, null));
    }
}
