using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// One range of a weekly schedule: on each of <see cref="Days"/>, from <see cref="From"/> (included) to
/// <see cref="To"/> (excluded), in China Standard Time. A range whose end is not after its start runs across midnight
/// into the next day (22:00–06:00 on Monday ends at 06:00 on Tuesday); <c>00:00–24:00</c> is the whole day.
/// </summary>
public sealed record ScheduleRange(IReadOnlySet<DayOfWeek> Days, TimeSpan From, TimeSpan To)
{
    public bool CrossesMidnight => To <= From;
}

/// <summary>
/// A weekly schedule in Asia/Shanghai, a fixed UTC+8 (China has kept no daylight saving since 1991), so an instant's
/// local day and time never depend on the machine's time zone or a tz database.
/// </summary>
public sealed class WeeklySchedule(string id, IReadOnlyList<ScheduleRange> ranges)
{
    public string Id { get; } = id;

    public IReadOnlyList<ScheduleRange> Ranges { get; } = ranges;

    public bool Contains(DateTimeOffset instant)
    {
        var local = instant.ToOffset(WorkingCalendar.ChinaStandardTime);
        var day = local.DayOfWeek;
        var time = local.TimeOfDay;
        var yesterday = (DayOfWeek)(((int)day + 6) % 7);
        foreach (var range in Ranges)
        {
            if (range.CrossesMidnight
                ? (range.Days.Contains(day) && time >= range.From) || (range.Days.Contains(yesterday) && time < range.To)
                : range.Days.Contains(day) && time >= range.From && time < range.To)
            {
                return true;
            }
        }

        return false;
    }
}
