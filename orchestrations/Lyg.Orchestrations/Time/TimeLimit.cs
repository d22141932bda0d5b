using System.Text.Json.Serialization;

namespace Lyg.Orchestrations.Time;

/// <summary>How a stage's time is counted (计时方式).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockKind>))]
public enum ClockKind
{
    /// <summary>紧急工作时: elapsed hours, around the clock.</summary>
    [JsonStringEnumMemberName("continuousHours")]
    ContinuousHours,

    /// <summary>工作时: hours inside the working periods of working days.</summary>
    [JsonStringEnumMemberName("workingHours")]
    WorkingHours,

    /// <summary>工作日: whole working days' worth of working time, counted on the working-hours clock.</summary>
    [JsonStringEnumMemberName("workingDays")]
    WorkingDays,

    /// <summary>自然日: 24 elapsed hours per day, holidays included.</summary>
    [JsonStringEnumMemberName("naturalDays")]
    NaturalDays,
}

/// <summary>
/// A stage's time limit: <see cref="Amount"/> is in hours for the hour clocks and in days for the day clocks, and may
/// be fractional. <see cref="WorkingCalendar"/> rounds it to the nearest tick (100 ns), so 10/60 hours is exactly ten
/// minutes. Limits from the rule table are &gt; 0; a measured remainder may be 0.
/// </summary>
public sealed record TimeLimit(ClockKind Clock, double Amount);
