using Lyg.Contracts;
using Lyg.Hub.Features.Sensors;

namespace Lyg.Hub.Tests.Features.Sensors;

public sealed class EffectiveRulesTests
{
    private static readonly SensorKind Water = SensorFixtures.Kinds.Find("water-level")!;

    [Fact]
    public void Without_overrides_a_sensor_has_its_kinds_rules()
    {
        Assert.Equal(Water.Rules, EffectiveRules.Of(SensorFixtures.Sensor("wl-1"), SensorFixtures.Kinds));
    }

    [Fact]
    public void Overrides_replace_the_members_they_give_and_keep_the_others_and_a_disabled_rule_is_gone()
    {
        var sensor = SensorFixtures.Sensor("wl-2", overrides:
        [
            new SensorRuleOverride("level-high", Levels: new Dictionary<string, double> { ["orange"] = 0.4, ["red"] = 0.8 }),
            new SensorRuleOverride("rising-fast", PerMinute: 0.1, Level: WarningLevel.Orange),
            new SensorRuleOverride("silent", AfterIntervals: 6),
            new SensorRuleOverride("flood-risk", Level: WarningLevel.Red),
        ]);

        var rules = EffectiveRules.Of(sensor, SensorFixtures.Kinds).ToDictionary(r => r.Id);

        var levelHigh = Assert.IsType<ThresholdRule>(rules["level-high"]);
        Assert.Equal([(WarningLevel.Orange, 0.4), (WarningLevel.Red, 0.8)], levelHigh.Grades);
        Assert.Equal(0.05, levelHigh.Hysteresis);
        Assert.Equal(new RateRule("rising-fast", "waterLevel", RuleDirection.Above, 0.1, WarningLevel.Orange), rules["rising-fast"]);
        Assert.Equal(new StaleRule("silent", 6, WarningLevel.Blue), rules["silent"]);
        Assert.Equal(WarningLevel.Red, Assert.IsType<AllRule>(rules["flood-risk"]).Level);

        var quiet = SensorFixtures.Sensor("wl-3", overrides: [new SensorRuleOverride("silent", Disabled: true)]);
        Assert.DoesNotContain(EffectiveRules.Of(quiet, SensorFixtures.Kinds), r => r.Id == "silent");
    }

    public static TheoryData<SensorRuleOverride[], string> Faults => new()
    {
        { [new SensorRuleOverride("level-low")], "override of rule 'level-low': kind water-level has no such rule; it has level-high, rising-fast, rain-heavy, flood-risk, silent" },
        { [new SensorRuleOverride("silent", AfterIntervals: 2), new SensorRuleOverride("silent", AfterIntervals: 4)], "override of rule silent: the rule is overridden twice" },
        { [new SensorRuleOverride("level-high", PerMinute: 1)], "override of rule level-high: perMinute does not apply to a rule of type threshold" },
        { [new SensorRuleOverride("rising-fast", Hysteresis: 1)], "override of rule rising-fast: hysteresis does not apply to a rule of type rate" },
        { [new SensorRuleOverride("silent", Levels: new Dictionary<string, double> { ["red"] = 1 })], "override of rule silent: levels does not apply to a rule of type stale" },
        { [new SensorRuleOverride("flood-risk", AfterIntervals: 2)], "override of rule flood-risk: afterIntervals does not apply to a rule of type all" },
        { [new SensorRuleOverride("level-high", Levels: new Dictionary<string, double> { ["yellow"] = 0.6, ["orange"] = 0.5 })], "rule level-high: levels are not monotonic: orange 0.5 must be above yellow 0.6" },
        { [new SensorRuleOverride("level-high", Hysteresis: -1)], "rule level-high: hysteresis is -1" },
        { [new SensorRuleOverride("rising-fast", PerMinute: -0.1)], "rule rising-fast: perMinute is -0.1" },
        { [new SensorRuleOverride("silent", AfterIntervals: 0)], "rule silent: afterIntervals is 0" },
        { [new SensorRuleOverride("rain-heavy", Disabled: true)], "rule flood-risk: names rule rain-heavy, which the sensor does not have (disabled or unknown)" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void An_override_that_does_not_fit_the_kind_is_a_fault_naming_the_rule(SensorRuleOverride[] overrides, string fault)
    {
        var (_, faults) = EffectiveRules.Merge(Water, overrides);

        Assert.Contains(faults, f => f.StartsWith(fault, StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => EffectiveRules.Of(SensorFixtures.Sensor("wl-4", overrides: overrides), SensorFixtures.Kinds));
    }
}
