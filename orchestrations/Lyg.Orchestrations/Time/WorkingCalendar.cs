namespace Lyg.Orchestrations.Time;

/// <summary>
/// Computes stage deadlines on the four clocks of the case platform, in China Standard Time. The calendar is a fixed
/// UTC+08:00 offset (China has no daylight saving), so no time-zone database is needed.
/// </summary>
/// <remarks>
/// <para>
/// The working-hours clock counts only time inside the working periods of working days. A working day is a weekday
/// that is not a holiday, or a make-up working day. For a year without loaded holiday data
/// (<see cref="HasDataFor"/> is false) only weekends are off: the caller must report that, because such deadlines
/// ignore holidays.
/// </para>
/// <para>
/// <see cref="Add"/> returns the earliest instant at which the limit is used up. On the working clocks a start outside
/// working time therefore begins counting at the next period start, and a deadline that uses up a period exactly is
/// that period's end, not the next period's start. <see cref="Measure"/> is its inverse:
/// <c>Measure(start, Add(start, limit), limit.Clock)</c> is <c>limit</c>, so a paused stage resumes with
/// <c>Add(resumeAt, Measure(pausedAt, deadline, clock))</c>.
/// </para>
/// </remarks>
public sealed class WorkingCalendar
{
    /// <summary>China Standard Time; deadlines are returned with this offset.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    // A longer stage limit is a data error; the bound also keeps the day-by-day walk short.
    private static readonly long MaxLimitTicks = TimeSpan.FromDays(3653).Ticks;

    private static readonly Lazy<CalendarData> DefaultData =
        new(() => EmbeddedJson.Read(typeof(WorkingCalendar).Assembly, "Lyg.Orchestrations.Time.Data.calendar.json", TimeDataJsonContext.Default.CalendarData));

    private static readonly Lazy<WorkingCalendar> Default = new(() => FromData(DefaultData.Value));

    // Working periods as ticks after local midnight, sorted and disjoint.
    private readonly (long Start, long End)[] _periods;
    private readonly long _workingDayTicks;
    private readonly HashSet<int> _yearsWithData;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkingDays;

    private WorkingCalendar((long Start, long End)[] periods, HashSet<int> yearsWithData, HashSet<DateOnly> holidays, HashSet<DateOnly> makeUpWorkingDays)
    {
        _periods = periods;
        _workingDayTicks = periods.Sum(p => p.End - p.Start);
        _yearsWithData = yearsWithData;
        _holidays = holidays;
        _makeUpWorkingDays = makeUpWorkingDays;
    }

    /// <summary>Builds a calendar after checking the data; every problem found is listed in one <see cref="ArgumentException"/>.</summary>
    public static WorkingCalendar FromData(CalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.WorkingHours);
        ArgumentNullException.ThrowIfNull(data.Years);
        var errors = new List<string>();

        var periods = data.WorkingHours.OrderBy(p => p.Start).ToArray();
        if (periods.Length == 0)
        {
            errors.Add("at least one working period is needed");
        }

        var latestEnd = TimeOnly.MinValue;
        foreach (var period in periods)
        {
            if (period.Start >= period.End)
            {
                errors.Add($"working period {period.Start:HH:mm}–{period.End:HH:mm} does not end after it starts");
                continue;
            }

            if (period.Start < latestEnd)
            {
                errors.Add($"working period {period.Start:HH:mm}–{period.End:HH:mm} overlaps an earlier one");
            }

            latestEnd = period.End > latestEnd ? period.End : latestEnd;
        }

        var years = new HashSet<int>();
        var holidays = new HashSet<DateOnly>();
        var makeUpWorkingDays = new HashSet<DateOnly>();
        foreach (var year in data.Years)
        {
            if (!years.Add(year.Year))
            {
                errors.Add($"year {year.Year} is listed twice");
                continue;
            }

            foreach (var day in year.Holidays)
            {
                if (day.Year != year.Year)
                {
                    errors.Add($"holiday {day:yyyy-MM-dd} is not in year {year.Year}");
                }
                else if (!holidays.Add(day))
                {
                    errors.Add($"holiday {day:yyyy-MM-dd} is listed twice");
                }
            }

            foreach (var day in year.MakeUpWorkingDays)
            {
                if (day.Year != year.Year)
                {
                    errors.Add($"make-up working day {day:yyyy-MM-dd} is not in year {year.Year}");
                }
                else if (!IsWeekend(day))
                {
                    // A make-up working day on a weekday changes nothing, so it is a typo.
                    errors.Add($"make-up working day {day:yyyy-MM-dd} is not a Saturday or Sunday");
                }
                else if (holidays.Contains(day))
                {
                    errors.Add($"{day:yyyy-MM-dd} is both a holiday and a make-up working day");
                }
                else if (!makeUpWorkingDays.Add(day))
                {
                    errors.Add($"make-up working day {day:yyyy-MM-dd} is listed twice");
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The working calendar is invalid: {string.Join("; ", errors)}.", nameof(data));
        }

        var periodTicks = periods.Select(p => (p.Start.Ticks, p.End.Ticks)).ToArray();
        return new WorkingCalendar(periodTicks, years, holidays, makeUpWorkingDays);
    }

    /// <summary>The embedded calendar (<c>Time/Data/calendar.json</c>): 08:00–12:00 and 14:00–18:00, holidays of 2026.</summary>
    public static WorkingCalendar LoadDefault() => Default.Value;

    /// <summary>The data of the embedded calendar, for merging configured and loaded years into it.</summary>
    public static CalendarData BuiltInData => DefaultData.Value;

    /// <summary>The years with holiday data, in order.</summary>
    public IReadOnlyList<int> Years => [.. _yearsWithData.Order()];

    /// <summary>False for a year without loaded holiday data, whose calendar is weekends only.</summary>
    public bool HasDataFor(int year) => _yearsWithData.Contains(year);

    /// <summary>A weekday that is not a holiday, or a make-up working day; in a year without data, any weekday.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        _makeUpWorkingDays.Contains(day) || (!IsWeekend(day) && !_holidays.Contains(day));

    /// <summary>The deadline of a stage that starts at <paramref name="start"/>, in China Standard Time.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var duration = ToTicks(limit);
        var local = ToLocalTicks(start);
        var end = limit.Clock is ClockKind.WorkingHours or ClockKind.WorkingDays
            ? AddWorkingTime(local, duration)
            : local + duration;
        return new DateTimeOffset(end, ChinaStandardTime);
    }

    /// <summary>
    /// The time on <paramref name="clock"/> from <paramref name="from"/> to <paramref name="to"/>, in that clock's unit;
    /// 0 when <paramref name="to"/> is not later.
    /// </summary>
    public TimeLimit Measure(DateTimeOffset from, DateTimeOffset to, ClockKind clock)
    {
        var start = ToLocalTicks(from);
        var end = ToLocalTicks(to);
        var ticks = end <= start ? 0
            : clock is ClockKind.WorkingHours or ClockKind.WorkingDays ? MeasureWorkingTime(start, end)
            : end - start;
        return new TimeLimit(clock, ticks / (double)TicksPerUnit(clock));
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static long ToLocalTicks(DateTimeOffset instant) => instant.UtcTicks + ChinaStandardTime.Ticks;

    private long ToTicks(TimeLimit limit)
    {
        if (!double.IsFinite(limit.Amount) || limit.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit.Amount, "A time limit is a finite amount >= 0.");
        }

        var ticks = Math.Round(limit.Amount * TicksPerUnit(limit.Clock));
        return ticks <= MaxLimitTicks
            ? (long)ticks
            : throw new ArgumentOutOfRangeException(nameof(limit), limit.Amount, "A time limit is at most ten years.");
    }

    private long TicksPerUnit(ClockKind clock) => clock switch
    {
        ClockKind.ContinuousHours or ClockKind.WorkingHours => TimeSpan.TicksPerHour,
        ClockKind.WorkingDays => _workingDayTicks,
        ClockKind.NaturalDays => TimeSpan.TicksPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown clock kind."),
    };

    // Walks the working periods from the start until the duration is used up; returns the earliest such instant.
    private long AddWorkingTime(long start, long duration)
    {
        if (duration == 0)
        {
            return start;
        }

        var remaining = duration;
        for (var dayNumber = (int)(start / TimeSpan.TicksPerDay); ; dayNumber++)
        {
            if (!IsWorkingDay(DateOnly.FromDayNumber(dayNumber)))
            {
                continue;
            }

            var midnight = dayNumber * TimeSpan.TicksPerDay;
            foreach (var (periodStart, periodEnd) in _periods)
            {
                var from = Math.Max(midnight + periodStart, start);
                var available = midnight + periodEnd - from;
                if (available <= 0)
                {
                    continue;
                }

                if (remaining <= available)
                {
                    return from + remaining;
                }

                remaining -= available;
            }
        }
    }

    private long MeasureWorkingTime(long start, long end)
    {
        var total = 0L;
        for (var dayNumber = (int)(start / TimeSpan.TicksPerDay); dayNumber <= end / TimeSpan.TicksPerDay; dayNumber++)
        {
            if (!IsWorkingDay(DateOnly.FromDayNumber(dayNumber)))
            {
                continue;
            }

            var midnight = dayNumber * TimeSpan.TicksPerDay;
            foreach (var (periodStart, periodEnd) in _periods)
            {
                total += Math.Max(0, Math.Min(midnight + periodEnd, end) - Math.Max(midnight + periodStart, start));
            }
        }

        return total;
    }
}
