using Lyg.Hub.Features.Readings;

namespace Lyg.Hub.Tests.Features.Readings;

/// <summary>What a sensor's readings do to its blocks, without storage.</summary>
public sealed class ReadingBlocksTests
{
    private const string Sensor = "blk-1";
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_sensors_readings_open_its_block_and_are_all_newer()
    {
        var step = ReadingBlocks.Merge(null, [Reading(0, 0), Reading(1, 1)]);

        Assert.Equal([0.0, 1.0], step.Open.Select(r => r.Values["v"]));
        Assert.Equal(2, step.Newer.Count);
        Assert.Empty(step.Closed);
        Assert.True(step.Changed);
    }

    [Fact]
    public void Readings_the_open_block_holds_already_change_nothing_and_one_at_a_held_time_with_other_values_replaces_it()
    {
        var before = State(Reading(0, 0), Reading(1, 1));

        var replay = ReadingBlocks.Merge(before, [Reading(0, 0), Reading(1, 1)]);
        var corrected = ReadingBlocks.Merge(before, [Reading(0, 5)]);

        Assert.False(replay.Changed);
        Assert.Empty(replay.Newer);
        Assert.True(corrected.Changed);
        Assert.Equal([5.0, 1.0], corrected.Open.Select(r => r.Values["v"]));
        Assert.Empty(corrected.Newer);
    }

    [Fact]
    public void A_reading_older_than_the_open_block_is_closed_at_once_in_a_block_of_its_own_and_never_newer()
    {
        var step = ReadingBlocks.Merge(State(Reading(10, 10)), [Reading(3, 3), Reading(11, 11)]);

        Assert.Equal([3.0], step.Closed.Single().Select(r => r.Values["v"]));
        Assert.Equal([10.0, 11.0], step.Open.Select(r => r.Values["v"]));
        Assert.Equal([11.0], step.Newer.Select(r => r.Values["v"]));
    }

    [Fact]
    public void A_block_is_closed_when_full_when_its_json_grows_too_long_and_when_a_later_day_begins()
    {
        var full = ReadingBlocks.Merge(null, [.. Enumerable.Range(0, ReadingBlocks.MaxReadings + 1).Select(m => Reading(m, m))]);
        var wide = Enumerable.Range(0, 32).ToDictionary(i => $"value-with-a-long-name-of-its-own-{i:D2}", i => 1234567.891 + i);
        var wideBlocks = ReadingBlocks.Merge(null, [.. Enumerable.Range(0, 20).Select(m => new SensorReading(Sensor, At.AddMinutes(m), wide))]);
        var midnight = ReadingBlocks.Merge(State(Reading(0, 0)), [Reading(12 * 60, 1)]);

        Assert.Equal(ReadingBlocks.MaxReadings, full.Closed.Single().Count);
        Assert.Single(full.Open);
        // A table string property holds 32K characters: wide readings close a block before it is full.
        Assert.NotEmpty(wideBlocks.Closed);
        Assert.All(wideBlocks.Closed, b => Assert.True(b.Count < ReadingBlocks.MaxReadings && ReadingBlocks.Serialize(b).Length < 32_000));
        Assert.Equal([0.0], midnight.Closed.Single().Select(r => r.Values["v"]));
        Assert.Equal([1.0], midnight.Open.Select(r => r.Values["v"]));
    }

    [Fact]
    public void A_closed_blocks_key_is_the_same_for_the_same_times_and_another_for_other_times_of_the_same_span()
    {
        var block = new[] { Reading(0, 0), Reading(1, 1), Reading(2, 2) };

        Assert.Equal(ReadingBlocks.RowKey(block), ReadingBlocks.RowKey([Reading(0, 7), Reading(1, 8), Reading(2, 9)]));
        Assert.NotEqual(ReadingBlocks.RowKey(block), ReadingBlocks.RowKey([Reading(0, 0), Reading(2, 2)]));
        Assert.StartsWith($"{Sensor}|", ReadingBlocks.RowKey(block), StringComparison.Ordinal);
        // Newest first: a later block sorts before an earlier one.
        Assert.True(string.CompareOrdinal(ReadingBlocks.RowKey([Reading(5, 5)]), ReadingBlocks.RowKey(block)) < 0);
    }

    [Fact]
    public void Blocks_read_together_give_each_time_once_newest_first()
    {
        var history = ReadingBlocks.Union([[Reading(0, 0), Reading(1, 1)], [Reading(1, 1), Reading(2, 2)], []]);

        Assert.Equal([2.0, 1.0, 0.0], history.Select(r => r.Values["v"]));
    }

    [Fact]
    public void A_block_reads_back_as_it_was_written_to_the_tick()
    {
        var block = new[] { new SensorReading(Sensor, At.AddTicks(1234567), new Dictionary<string, double> { ["a"] = 0.1, ["b"] = -2e9 }) };

        var read = ReadingBlocks.Parse(Sensor, ReadingBlocks.Serialize(block)).Single();

        Assert.Equal((block[0].ObservedAt.UtcTicks, 0.1, -2e9), (read.ObservedAt.UtcTicks, read.Values["a"], read.Values["b"]));
        Assert.Empty(ReadingBlocks.Parse(Sensor, null));
    }

    /// <summary>A reading <paramref name="minutes"/> after noon; past midnight for 12 × 60 and more.</summary>
    private static SensorReading Reading(int minutes, double value) => new(Sensor, At.AddMinutes(minutes), new Dictionary<string, double> { ["v"] = value });

    private static SensorStateRow State(params SensorReading[] block) =>
        new() { RowKey = Sensor, ObservedAt = block[^1].ObservedAt, Values = "{}", Block = ReadingBlocks.Serialize(block) };
}
