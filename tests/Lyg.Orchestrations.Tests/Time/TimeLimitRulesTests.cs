using System.Text.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Time;

namespace Lyg.Orchestrations.Tests.Time;

/// <summary>The rule table: the embedded local practice, precedence of wildcards, and checks on the data.</summary>
public sealed class TimeLimitRulesTests
{
    private static readonly TimeLimit TenMinutes = new(ClockKind.ContinuousHours, 10.0 / 60);
    private static readonly TimeLimit HalfAWorkingHour = new(ClockKind.WorkingHours, 0.5);
    private static readonly TimeLimit OneWorkingHour = new(ClockKind.WorkingHours, 1);

    private readonly TimeLimitRules _defaults = TimeLimitRules.LoadDefault();

    [Theory]
    [InlineData("gb2013", null)]
    [InlineData("gb2013", "0104")]
    [InlineData("gb2026", "03001")]
    public void Ordinary_cases_get_the_default_of_their_urgency(string scheme, string? category)
    {
        Assert.Equal(
            new StageLimits(HalfAWorkingHour, HalfAWorkingHour, new TimeLimit(ClockKind.WorkingDays, 3), OneWorkingHour),
            _defaults.Resolve(scheme, category, Urgency.Normal));
        Assert.Equal(
            new StageLimits(TenMinutes, TenMinutes, new TimeLimit(ClockKind.WorkingHours, 4), OneWorkingHour),
            _defaults.Resolve(scheme, category, Urgency.Urgent));
    }

    [Theory]
    [InlineData("gb2013", "0101")]
    [InlineData("gb2013", "0102")]
    [InlineData("gb2013", "0103")]
    [InlineData("gb2026", "01001")]
    [InlineData("gb2026", "01002")]
    [InlineData("gb2026", "01003")]
    public void Water_sewer_and_rain_covers_are_handled_within_two_continuous_hours(string scheme, string category)
    {
        var normal = _defaults.Resolve(scheme, category, Urgency.Normal, CodeKind.Component);
        var urgent = _defaults.Resolve(scheme, category, Urgency.Urgent, CodeKind.Component);

        Assert.Equal(new TimeLimit(ClockKind.ContinuousHours, 2), normal.Handle);
        Assert.Equal(new TimeLimit(ClockKind.ContinuousHours, 2), urgent.Handle);
        Assert.Equal(HalfAWorkingHour, normal.Register);
        Assert.Equal(TenMinutes, urgent.Dispatch);
    }

    [Theory]
    [InlineData("gb2013", "0137")]
    [InlineData("gb2026", "01037")]
    public void Street_lights_are_fixed_within_one_working_day_and_urgent_ones_keep_the_urgent_default(string scheme, string category)
    {
        Assert.Equal(new TimeLimit(ClockKind.WorkingDays, 1), _defaults.Resolve(scheme, category, Urgency.Normal, CodeKind.Component).For(CaseStage.Handle));
        Assert.Equal(new TimeLimit(ClockKind.WorkingHours, 4), _defaults.Resolve(scheme, category, Urgency.Urgent, CodeKind.Component).For(CaseStage.Handle));
    }

    [Fact]
    public void A_code_of_one_scheme_does_not_pick_up_the_rules_of_the_other()
    {
        Assert.Equal(new TimeLimit(ClockKind.WorkingDays, 3), _defaults.Resolve("gb2026", "0101", Urgency.Normal).Handle);
        Assert.Equal(new TimeLimit(ClockKind.WorkingDays, 3), _defaults.Resolve("gb2013", "01001", Urgency.Normal).Handle);
    }

    [Fact]
    public void An_urgent_registration_limit_is_exactly_ten_minutes()
    {
        var reportedAt = new DateTimeOffset(2026, 10, 3, 23, 55, 0, TimeSpan.FromHours(8));
        var limit = _defaults.Resolve("gb2026", "01002", Urgency.Urgent).For(CaseStage.Register);

        Assert.Equal(
            new DateTimeOffset(2026, 10, 4, 0, 5, 0, TimeSpan.FromHours(8)),
            WorkingCalendar.LoadDefault().Add(reportedAt, limit));
    }

    [Theory]
    // An exact category beats a major class prefix even when the prefix rule names the urgency and the scheme.
    [InlineData("gb2013", "0101", Urgency.Normal, 1)]
    // A prefix beats '*'; within the prefix an exact urgency beats an exact scheme.
    [InlineData("gb2013", "0102", Urgency.Normal, 2)]
    [InlineData("gb2013", "0102", Urgency.Urgent, 3)]
    [InlineData("gb2026", "01002", Urgency.Urgent, 11)]
    // Within '*' categories an exact scheme beats '*'.
    [InlineData("gb2013", "0301", Urgency.Normal, 4)]
    [InlineData("gb2026", "0301", Urgency.Normal, 10)]
    [InlineData("gb2013", null, Urgency.Urgent, 11)]
    // A code shorter than a major class only matches '*'.
    [InlineData("gb2026", "0", Urgency.Normal, 10)]
    public void The_most_specific_rule_wins(string scheme, string? category, Urgency urgency, double handleDays)
    {
        var rules = TimeLimitRules.FromData(new TimeLimitRuleData(
        [
            Rule("*", "*", "normal", 10),
            Rule("*", "*", "urgent", 11),
            Rule("gb2013", "*", "normal", 4),
            Rule("gb2013", "01*", "*", 3),
            Rule("*", "01*", "normal", 2),
            Rule("*", "0101", "*", 1),
        ]));

        Assert.Equal(new TimeLimit(ClockKind.NaturalDays, handleDays), rules.Resolve(scheme, category, urgency).Handle);
    }

    [Fact]
    public void A_single_wildcard_default_covers_every_urgency()
    {
        var rules = TimeLimitRules.FromData(new TimeLimitRuleData([Rule("*", "*", "*", 5)]));

        Assert.Equal(5, rules.Resolve("gb2026", "01001", Urgency.Urgent).Handle.Amount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_limit_must_be_greater_than_zero(double amount)
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "*", 5) with { Limits = Limits(5) with { Check = new LimitData(ClockKind.WorkingHours, amount) } }]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains("rule 1 (*, *, *): check limit must be greater than 0", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rules_with_the_same_key_are_refused()
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "*", 5), Rule("gb2013", "01*", "urgent", 1), Rule("gb2013", "01*", "urgent", 2)]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains("rule 3 (gb2013, 01*, urgent): another rule has the same scheme, category, kind and urgency", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gb2013_code_naming_a_component_and_an_event_takes_the_rule_of_the_cases_kind()
    {
        // 0101 is 上水井盖 (component) and 私搭乱建 (event); the embedded table has a rule for the cover only.
        Assert.Equal(new TimeLimit(ClockKind.ContinuousHours, 2), _defaults.Resolve("gb2013", "0101", Urgency.Normal, CodeKind.Component).Handle);
        Assert.Equal(new TimeLimit(ClockKind.WorkingDays, 3), _defaults.Resolve("gb2013", "0101", Urgency.Normal, CodeKind.Event).Handle);
        // Unsaid, the only rule the code has applies.
        Assert.Equal(new TimeLimit(ClockKind.ContinuousHours, 2), _defaults.Resolve("gb2013", "0101", Urgency.Normal).Handle);
    }

    [Fact]
    public void An_unsaid_kind_between_rules_for_each_kind_falls_back_to_the_rule_for_both()
    {
        var rules = TimeLimitRules.FromData(new TimeLimitRuleData(
        [
            Rule("*", "*", "*", 5),
            Rule("*", "01*", "*", 4),
            Rule("gb2013", "0101", "*", 1) with { Kind = "component" },
            Rule("gb2013", "0101", "*", 2) with { Kind = "event" },
        ]));

        Assert.Equal(1, rules.Resolve("gb2013", "0101", Urgency.Normal, CodeKind.Component).Handle.Amount);
        Assert.Equal(2, rules.Resolve("gb2013", "0101", Urgency.Urgent, CodeKind.Event).Handle.Amount);
        Assert.Equal(4, rules.Resolve("gb2013", "0101", Urgency.Normal).Handle.Amount);
    }

    [Fact]
    public void A_kind_other_than_component_or_event_is_refused()
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "*", 5), Rule("gb2013", "0101", "*", 1) with { Kind = "part" }]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains("rule 2 (gb2013, 0101, part, *): kind is 'component', 'event', '*' or absent", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_a_default_for_every_urgency_is_refused()
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "normal", 5), Rule("gb2013", "*", "urgent", 1), Rule("*", "01*", "urgent", 1)]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains("no default rule (scheme '*', category '*') covers Urgent cases", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Normal", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GB2013", "*", "*", "scheme is '*' or lower-case letters and digits")]
    [InlineData("*", "1*", "*", "category is a 4- or 5-digit code")]
    [InlineData("*", "0101*", "*", "category is a 4- or 5-digit code")]
    [InlineData("*", "010", "*", "category is a 4- or 5-digit code")]
    [InlineData("*", "*", "high", "urgency is 'normal', 'urgent' or '*'")]
    public void Keys_are_checked(string scheme, string category, string urgency, string error)
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "*", 5), Rule(scheme, category, urgency, 1)]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClockKind.WorkingHours, 0.5, 30.0, "register gives exactly one of amount and minutes")]
    [InlineData(ClockKind.WorkingHours, null, null, "register gives exactly one of amount and minutes")]
    [InlineData(ClockKind.WorkingDays, null, 30.0, "register gives an amount (minutes suit only the hour clocks)")]
    [InlineData(ClockKind.ContinuousHours, null, 0.0, "register limit must be greater than 0")]
    public void A_limit_is_an_amount_or_for_the_hour_clocks_minutes(ClockKind clock, double? amount, double? minutes, string error)
    {
        var data = new TimeLimitRuleData([Rule("*", "*", "*", 5) with { Limits = Limits(5) with { Register = new LimitData(clock, amount, minutes) } }]);

        var thrown = Assert.Throws<ArgumentException>(() => TimeLimitRules.FromData(data));

        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_json_reads_minutes_and_clock_names()
    {
        const string json = """
            {"note":"local practice","rules":[{"scheme":"*","category":"*","urgency":"*","limits":{
              "register":{"clock":"continuousHours","minutes":10},
              "dispatch":{"clock":"workingHours","minutes":30},
              "handle":{"clock":"workingDays","amount":3},
              "check":{"clock":"naturalDays","amount":1.5}}}]}
            """;

        var rules = TimeLimitRules.FromData(JsonSerializer.Deserialize(json, TimeDataJsonContext.Default.TimeLimitRuleData)!);

        Assert.Equal(
            new StageLimits(TenMinutes, HalfAWorkingHour, new TimeLimit(ClockKind.WorkingDays, 3), new TimeLimit(ClockKind.NaturalDays, 1.5)),
            rules.Resolve("gb2013", "0101", Urgency.Normal));
    }

    [Theory]
    [InlineData("""{"rules":[{"scheme":"*","category":"*","urgency":"*","limits":{"register":{"clock":"hours","amount":1},"dispatch":{"clock":"workingHours","amount":1},"handle":{"clock":"workingHours","amount":1},"check":{"clock":"workingHours","amount":1}}}]}""")]
    [InlineData("""{"rules":[{"scheme":"*","category":"*","urgency":"*","limits":{"register":{"clock":"workingHours","amout":1},"dispatch":{"clock":"workingHours","amount":1},"handle":{"clock":"workingHours","amount":1},"check":{"clock":"workingHours","amount":1}}}]}""")]
    [InlineData("""{"rules":[{"scheme":"*","category":"*","urgency":"*","limits":{"register":{"clock":"workingHours","amount":1},"handle":{"clock":"workingHours","amount":1},"check":{"clock":"workingHours","amount":1}}}]}""")]
    public void Rule_json_with_an_unknown_clock_a_misspelt_member_or_a_missing_stage_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, TimeDataJsonContext.Default.TimeLimitRuleData));

    [Fact]
    public void Clocks_and_stages_are_written_in_camel_case()
    {
        Assert.Equal("\"workingDays\"", JsonSerializer.Serialize(ClockKind.WorkingDays, TimeDataJsonContext.Default.ClockKind));
        Assert.Equal(
            """["continuousHours","workingHours","workingDays","naturalDays"]""",
            JsonSerializer.Serialize(Enum.GetValues<ClockKind>()));
        Assert.Equal(
            """["register","dispatch","handle","check"]""",
            JsonSerializer.Serialize(Enum.GetValues<CaseStage>()));
    }

    private static TimeLimitRule Rule(string scheme, string category, string urgency, double handleDays) =>
        new(scheme, category, urgency, Limits(handleDays));

    private static StageLimitData Limits(double handleDays) => new(
        new LimitData(ClockKind.ContinuousHours, Minutes: 10),
        new LimitData(ClockKind.ContinuousHours, Minutes: 10),
        new LimitData(ClockKind.NaturalDays, handleDays),
        new LimitData(ClockKind.WorkingHours, 1));
}
