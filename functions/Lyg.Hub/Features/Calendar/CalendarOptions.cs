using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Calendar;

/// <summary>Section <c>Calendar</c>: an optional calendar file and how often every host re-reads the loaded years.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>
    /// Optional JSON file in the format of the built-in <c>Time/Data/calendar.json</c> (working hours and years). Its
    /// working hours replace the built-in ones and each of its years replaces the built-in year of that number.
    /// </summary>
    public string? File { get; set; }

    /// <summary>
    /// How often every host re-reads the years loaded through PUT v1/calendar/{year}. The host that saved a year
    /// applies it at once; other hosts see it within this interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
