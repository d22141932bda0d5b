namespace Lyg.Orchestrations.Time;

/// <summary>
/// A working calendar as an administrator maintains it (embedded default: <c>Time/Data/calendar.json</c>). Holiday
/// data is loaded per year, because the State Council publishes each year's schedule only in the November before.
/// </summary>
public sealed record CalendarData(IReadOnlyList<WorkingPeriod> WorkingHours, IReadOnlyList<CalendarYear> Years)
{
    /// <summary>
    /// This calendar with <paramref name="years"/> merged in: a year given there replaces the year of the same number
    /// whole (its holidays and make-up days are not combined with the old ones); other years are kept. Years are in
    /// year order.
    /// </summary>
    public CalendarData WithYears(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var merged = Years.ToDictionary(y => y.Year);
        foreach (var year in years)
        {
            merged[year.Year] = year;
        }

        return this with { Years = [.. merged.Values.OrderBy(y => y.Year)] };
    }
}

/// <summary>One working period of a working day in China Standard Time, e.g. 08:00–12:00.</summary>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>
/// One year's public holidays (放假) and make-up working days (调休上班, weekend days that are worked). Weekdays not
/// listed are working days and weekend days not listed are off.
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays)
{
    /// <summary>Where the dates come from (the notice and its publisher), so an administrator can check them.</summary>
    public string? Source { get; init; }
}
