using Lyg.Hub.Features.Outbox;

namespace Lyg.Hub.Tests.Features.Outbox;

public sealed class OutboxMessageIdTests
{
    [Fact]
    public void An_id_names_its_case_sequence_kind_and_destination_and_reads_back()
    {
        var id = new OutboxMessageId("LYG-20261126-000123", 7, "case-event", "city-dashboard");

        Assert.Equal("LYG-20261126-000123.00007.case-event.city-dashboard", id.ToString());
        Assert.Equal("LYG-20261126-000123.00007.case-event", id.PointerKey);
        Assert.Equal("outbox-00007.case-event.city-dashboard", id.MessageRowKey);
        Assert.True(OutboxMessageId.TryParse(id.ToString(), out var parsed));
        Assert.Equal(id, parsed);
    }

    [Fact]
    public void A_case_id_with_dots_still_reads_back_because_the_id_is_read_from_the_right()
    {
        Assert.True(OutboxMessageId.TryParse("a.b.00001.case-event.d", out var parsed));
        Assert.Equal(new OutboxMessageId("a.b", 1, "case-event", "d"), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("LYG-1.00001.case-event")]
    [InlineData("LYG-1.1.case-event.d")]
    [InlineData("LYG-1.0000x.case-event.d")]
    [InlineData("LYG-1.00001.Case-Event.d")]
    [InlineData("LYG-1.00001.case-event.D")]
    [InlineData(".00001.case-event.d")]
    [InlineData("LYG/1.00001.case-event.d")]
    [InlineData("LYG-1.00001..d")]
    public void Text_that_is_not_an_id_is_refused(string text)
    {
        Assert.False(OutboxMessageId.TryParse(text, out _));
    }
}
