using System.Globalization;
using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Features.Calendar;

/// <summary>The year in the route of v1/calendar/{year}, and a year as the endpoints show it.</summary>
public static class CalendarYears
{
    /// <summary>Years the platform can hold data for: anything else in the route is a typo.</summary>
    public const int MinYear = 2000;
    public const int MaxYear = 2099;

    public static readonly string YearError = $"The year is four digits from {MinYear} to {MaxYear}.";

    public static bool TryParse(string? text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text!.Length == 4 && year is >= MinYear and <= MaxYear;

    /// <summary>Names the loaded years as they are stored: it changes whenever a year is loaded again.</summary>
    public static string VersionOf(IEnumerable<LoadedCalendarYear> loaded) =>
        string.Join(';', loaded.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Year.Year}@{l.LoadedAt.UtcTicks}")));

    public static CalendarYearView View(CalendarYear year, CalendarYearSource source)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new CalendarYearView(year.Year, [.. year.Holidays.Order()], [.. year.MakeUpWorkingDays.Order()], source);
    }

    public static CalendarYearView View(LoadedCalendarYear loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return View(loaded.Year, new CalendarYearSource(CalendarSourceKind.Loaded, LoadedBy: loaded.LoadedBy, LoadedAt: loaded.LoadedAt));
    }
}
