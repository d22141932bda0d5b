namespace Lyg.Orchestrations.Time;

/// <summary>The time-limit rule table as an administrator maintains it (embedded default: <c>Time/Data/time-limits.json</c>).</summary>
public sealed record TimeLimitRuleData(IReadOnlyList<TimeLimitRule> Rules)
{
    /// <summary>Provenance of the values, for the administrator.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// One row of the rule table. <see cref="Scheme"/> is a code scheme such as <c>gb2013</c> or <c>gb2026</c>, or
/// <c>*</c>; <see cref="Category"/> an exact 4- or 5-digit code, a major class prefix such as <c>01*</c>, or <c>*</c>;
/// <see cref="Urgency"/> is <c>normal</c>, <c>urgent</c> or <c>*</c>; <see cref="Kind"/>, when given, is
/// <c>component</c> or <c>event</c> (a gb2013 code such as 0101 names a component and an event alike).
/// </summary>
public sealed record TimeLimitRule(string Scheme, string Category, string Urgency, StageLimitData Limits)
{
    /// <summary>Only cases of this kind (component or event); absent or <c>*</c> for both.</summary>
    public string? Kind { get; init; }

    /// <summary>Where the values come from or why they differ from the default.</summary>
    public string? Note { get; init; }
}

/// <summary>The four stage limits of a rule.</summary>
public sealed record StageLimitData(LimitData Register, LimitData Dispatch, LimitData Handle, LimitData Check);

/// <summary>
/// One stage limit as stored: either <see cref="Amount"/> in the clock's unit (hours or days), or, for the hour
/// clocks only, <see cref="Minutes"/>, so that ten minutes is written as 10 rather than as a rounded fraction of an
/// hour. Exactly one of the two is given.
/// </summary>
public sealed record LimitData(ClockKind Clock, double? Amount = null, double? Minutes = null);
