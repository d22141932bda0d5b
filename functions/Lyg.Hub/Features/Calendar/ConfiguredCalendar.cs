using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// The calendar before any loaded year: the built-in data, with the <c>Calendar:File</c> file's working hours and
/// years over it, and where each year comes from. Loaded years go over this in turn (<see cref="CalendarRefresher"/>).
/// </summary>
public sealed record ConfiguredCalendar(CalendarData Data, IReadOnlyDictionary<int, CalendarYearSource> Sources)
{
    /// <summary>
    /// Merges <paramref name="file"/> (null without a file) over <paramref name="builtIn"/> and checks the result, so a
    /// malformed file stops the host at start with every problem listed.
    /// </summary>
    public static ConfiguredCalendar From(CalendarData builtIn, CalendarData? file)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        var sources = builtIn.Years.ToDictionary(y => y.Year, y => new CalendarYearSource(CalendarSourceKind.BuiltIn, y.Source));
        var data = builtIn;
        if (file is not null)
        {
            data = builtIn.WithYears(file.Years) with { WorkingHours = file.WorkingHours };
            foreach (var year in file.Years)
            {
                sources[year.Year] = new CalendarYearSource(CalendarSourceKind.File, year.Source);
            }
        }

        _ = WorkingCalendar.FromData(data);
        return new ConfiguredCalendar(data, sources);
    }

    /// <summary>The calendar with <paramref name="loaded"/> years over the configured ones, each replacing its year whole.</summary>
    public WorkingCalendar With(IEnumerable<CalendarYear> loaded) => WorkingCalendar.FromData(Data.WithYears(loaded));

    /// <summary>The configured year and its source, or null when neither the built-in data nor the file has it.</summary>
    public (CalendarYear Year, CalendarYearSource Source)? Find(int year) =>
        Data.Years.FirstOrDefault(y => y.Year == year) is { } found ? (found, Sources[year]) : null;
}
