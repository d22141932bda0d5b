using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Time;

/// <summary>Measure inverts Add, checked over seeded random instants of 2026 for every clock.</summary>
public sealed class WorkingCalendarPropertyTests
{
    private const int Cases = 400;

    private static readonly int[] PeriodBoundaryHours = [8, 12, 14, 18];

    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private readonly WorkingCalendar _calendar = WorkingCalendar.LoadDefault();

    public static TheoryData<ClockKind> Clocks => new(Enum.GetValues<ClockKind>());

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Measuring_from_the_start_to_the_deadline_gives_back_the_limit(ClockKind clock)
    {
        var random = new Random(20260101 + (int)clock);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomInstant(random);
            var limit = new TimeLimit(clock, RandomAmount(random, clock));

            var deadline = _calendar.Add(start, limit);
            var measured = _calendar.Measure(start, deadline, clock);

            Assert.True(deadline > start, $"{start:O} + {limit} gave {deadline:O}");
            Assert.True(
                Math.Abs(measured.Amount - limit.Amount) * TicksPerUnit(clock) <= 1,
                $"{start:O} + {limit} gave {deadline:O}, measured back as {measured.Amount}");
            Assert.Equal(deadline, _calendar.Add(start, measured));
            if (clock is ClockKind.WorkingHours or ClockKind.WorkingDays)
            {
                Assert.True(IsDeadlineInstant(deadline), $"{start:O} + {limit} gave {deadline:O}, not inside a working period");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Clocks))]
    public void Adding_the_measured_time_reaches_the_end_or_the_last_working_instant_before_it(ClockKind clock)
    {
        var random = new Random(20261001 + (int)clock);
        for (var i = 0; i < Cases; i++)
        {
            var from = RandomInstant(random);
            var to = from + TimeSpan.FromMinutes(random.Next(1, 40 * 24 * 60));

            var measured = _calendar.Measure(from, to, clock);
            var reached = _calendar.Add(from, measured);

            if (clock is ClockKind.ContinuousHours or ClockKind.NaturalDays || IsDeadlineInstant(to))
            {
                Assert.Equal(to, reached);
            }
            else
            {
                Assert.True(reached <= to, $"{from:O} + {measured} gave {reached:O}, after {to:O}");
                Assert.Equal(measured, _calendar.Measure(from, reached, clock));
            }
        }
    }

    // Minutes, with a quarter of the draws on a working-period boundary, where off-by-one mistakes live.
    private static DateTimeOffset RandomInstant(Random random)
    {
        var day = YearStart.AddDays(random.Next(365));
        return random.Next(4) == 0
            ? day.AddHours(PeriodBoundaryHours[random.Next(PeriodBoundaryHours.Length)])
            : day.AddMinutes(random.Next(24 * 60));
    }

    private static double RandomAmount(Random random, ClockKind clock) => clock switch
    {
        ClockKind.ContinuousHours or ClockKind.WorkingHours => 0.01 + random.NextDouble() * 40,
        _ => 0.01 + random.NextDouble() * 10,
    };

    private static double TicksPerUnit(ClockKind clock) => clock switch
    {
        ClockKind.ContinuousHours or ClockKind.WorkingHours => TimeSpan.TicksPerHour,
        ClockKind.WorkingDays => 8 * TimeSpan.TicksPerHour,
        _ => TimeSpan.TicksPerDay,
    };

    // After the start of a default period (08:00–12:00, 14:00–18:00) up to its end: where a working-clock deadline can fall.
    private bool IsDeadlineInstant(DateTimeOffset instant)
    {
        var local = instant.ToOffset(TimeSpan.FromHours(8));
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return _calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime))
            && ((time > new TimeOnly(8, 0) && time <= new TimeOnly(12, 0)) || (time > new TimeOnly(14, 0) && time <= new TimeOnly(18, 0)));
    }
}
