using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Hub.Features.Sensors;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Tests.Features.Sensors;

public sealed class SensorKindCatalogTests
{
    private static readonly SensorKindEntry Base = SensorFixtures.BuiltInFile().Kinds.Single(k => k.Id == "water-level");

    [Fact]
    public void The_built_in_catalogue_has_every_kind_the_plan_names_each_with_values_rules_and_a_stale_rule()
    {
        var kinds = SensorFixtures.Kinds.Kinds.Select(k => k.Id).ToHashSet();

        Assert.Superset(new HashSet<string>(
        [
            "water-level", "rainfall", "gas-concentration", "manhole-cover", "bridge-strain", "bridge-displacement", "bridge-deflection",
            "bridge-vibration", "road-subsidence", "pipe-pressure", "pipe-flow", "site-dust", "site-noise", "weather", "street-light",
            "waste-bin", "soil-moisture", "tree-tilt",
        ]), kinds);
        Assert.All(SensorFixtures.Kinds.Kinds, k =>
        {
            Assert.NotEmpty(k.Values);
            Assert.Contains(k.Rules, r => r is StaleRule);
        });
        var water = SensorFixtures.Kinds.Find("water-level")!;
        Assert.Equal(new AlertCasePolicy(WarningLevel.Orange, "0506", CodeKind.Event), water.Case);
        Assert.Equal("FloodMonitoring", water.DataModel);
        var levelHigh = Assert.IsType<ThresholdRule>(water.Rules.Single(r => r.Id == "level-high"));
        Assert.Equal([(WarningLevel.Blue, 0.15), (WarningLevel.Yellow, 0.3), (WarningLevel.Orange, 0.5), (WarningLevel.Red, 1.0)], levelHigh.Grades);
        Assert.Equal(["level-high", "rain-heavy"], Assert.IsType<AllRule>(water.Rules.Single(r => r.Id == "flood-risk")).Rules);
        Assert.Equal("LAeq", Assert.IsType<ThresholdRule>(SensorFixtures.Kinds.Find("site-noise")!.Rules[0]).Value);
    }

    [Fact]
    public void A_file_kind_replaces_the_built_in_kind_of_its_id_and_a_new_id_adds_a_kind()
    {
        var catalog = SensorFixtures.Load(
            Base with { Name = "积水(本市)", Rules = [new StaleRule("silent", 6, WarningLevel.Yellow)] },
            Base with { Id = "tide-level", Name = "潮位" });

        Assert.Equal("积水(本市)", catalog.Find("water-level")!.Name);
        Assert.Equal([new StaleRule("silent", 6, WarningLevel.Yellow)], catalog.Find("water-level")!.Rules);
        Assert.Equal("潮位", catalog.Find("tide-level")!.Name);
        Assert.Equal(SensorFixtures.Kinds.Kinds.Count + 1, catalog.Kinds.Count);
    }

    public static TheoryData<SensorRule, string> RuleFaults => new()
    {
        { new ThresholdRule("bad", "flow", RuleDirection.Above, Levels(("red", 1))), "rule bad: value 'flow' is not a value of the kind; it has waterLevel, precipitation" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels(("yellow", 0.5), ("orange", 0.3))), "rule bad: levels are not monotonic: orange 0.3 must be above yellow 0.5" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels(("blue", 0.5), ("red", 0.5))), "rule bad: levels are not monotonic: red 0.5 must be above blue 0.5" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Below, Levels(("blue", 0.1), ("yellow", 0.2))), "rule bad: levels are not monotonic: yellow 0.2 must be below blue 0.1" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels()), "rule bad: levels is empty" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels(("amber", 1))), "rule bad: levels.amber is not a warning level" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels(("red", 20))), "rule bad: levels.red 20 lies outside waterLevel's physical range 0 to 15 m" },
        { new ThresholdRule("bad", "waterLevel", RuleDirection.Above, Levels(("red", 1)), -0.1), "rule bad: hysteresis is -0.1; at least 0" },
        { new RateRule("bad", "waterLevel", RuleDirection.Above, 0, WarningLevel.Yellow), "rule bad: perMinute is 0; a rate is above 0" },
        { new RateRule("bad", "depth", RuleDirection.Above, 1, WarningLevel.Yellow), "rule bad: value 'depth' is not a value of the kind" },
        { new StaleRule("bad", 0, WarningLevel.Blue), "rule bad: afterIntervals is 0; at least 1" },
        { new AllRule("bad", ["level-high"], WarningLevel.Red), "rule bad: a combination names at least two rules" },
        { new AllRule("bad", ["level-high", "nope"], WarningLevel.Red), "rule bad: names rule nope, which the sensor does not have" },
        { new AllRule("bad", ["level-high", "flood-risk"], WarningLevel.Red), "rule bad: names flood-risk, itself a combination" },
        { new AllRule("bad", ["level-high", "bad"], WarningLevel.Red), "rule bad: a combination cannot name itself" },
        { new AllRule("bad", ["level-high", "level-high"], WarningLevel.Red), "rule bad: a combination names each rule once" },
        { new StaleRule("Bad_Id", 3, WarningLevel.Blue), "rule 'Bad_Id': an id is kebab-case" },
        { new StaleRule("silent", 3, WarningLevel.Blue), "rule silent: the id is used twice" },
    };

    [Theory]
    [MemberData(nameof(RuleFaults))]
    public void A_faulty_rule_stops_the_load_naming_the_kind_the_rule_and_the_fault(SensorRule rule, string fault)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SensorFixtures.Load(Base with { Rules = [.. Base.Rules, rule] }));

        Assert.Contains("kind water-level: " + fault, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999", CodeKind.Event, "case.categoryCode 9999 is not a event code")]
    [InlineData("0506", CodeKind.Component, "case.categoryCode 0506 is not a component code")]
    public void A_case_category_outside_the_shipped_code_schemes_stops_the_load(string code, CodeKind kind, string fault)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SensorFixtures.Load(Base with { Case = new AlertCasePolicy(WarningLevel.Red, code, kind) }));

        Assert.Contains(fault, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_listed_twice_in_the_file_stops_the_load()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SensorFixtures.Load(Base, Base with { Name = "又一个" }));

        Assert.Contains("kind water-level: listed more than once in one file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kind_faults_are_all_listed_at_once()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => SensorFixtures.Load(Base with
        {
            Id = "Water Level",
            Values = new Dictionary<string, SensorValueEntry> { ["waterLevel"] = new("m", 0, 15), ["bad name"] = new("", 5, 1) },
            DefaultInterval = TimeSpan.FromSeconds(1),
        }));

        Assert.Contains("an id is kebab-case", ex.Message, StringComparison.Ordinal);
        Assert.Contains("value name 'bad name'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("values.bad name: a unit is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the physical range 5 to 1 is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("defaultInterval 00:00:01", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kinds_file_takes_the_rule_type_anywhere_in_a_rule_and_refuses_unknown_types_and_members_with_their_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                {"note": null, "kinds": [{"id": "tide-level", "name": "潮位", "domain": "排水防汛", "dataModel": "WaterObserved",
                  "values": {"height": {"unit": "m", "min": -5, "max": 10}}, "defaultInterval": "00:10:00", "case": null,
                  "rules": [{"id": "tide-high", "value": "height", "direction": "above", "levels": {"yellow": 3}, "type": "threshold"}]}]}
                """);
            Assert.IsType<ThresholdRule>(Assert.Single(SensorKindCatalog.Load(file, CodeCatalog.Default).Find("tide-level")!.Rules));

            File.WriteAllText(file, """{"note": null, "kinds": [{"id": "x", "name": "x", "domain": "x", "dataModel": null, "values": {"v": {"unit": "m", "min": 0, "max": 1}}, "defaultInterval": "00:10:00", "case": null, "rules": [{"id": "r", "type": "median"}]}]}""");
            Assert.Contains("$.kinds[0].rules[0]", Assert.Throws<InvalidOperationException>(() => SensorKindCatalog.Load(file, CodeCatalog.Default)).Message, StringComparison.Ordinal);

            File.WriteAllText(file, """{"note": null, "kinds": [{"id": "x", "name": "x", "domain": "x", "dataModel": null, "values": {"v": {"unit": "m", "min": 0, "max": 1}}, "defaultInterval": "00:10:00", "case": null, "rules": [{"id": "r", "type": "stale", "afterIntervals": 2, "level": "blue", "colour": "red"}]}]}""");
            Assert.Contains("colour", Assert.Throws<InvalidOperationException>(() => SensorKindCatalog.Load(file, CodeCatalog.Default)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Rules_show_in_the_shape_of_the_catalogue()
    {
        var rule = SensorFixtures.Kinds.Find("water-level")!.Rules.Single(r => r.Id == "rising-fast");

        Assert.Equal(
            """{"id":"rising-fast","type":"rate","value":"waterLevel","direction":"above","perMinute":0.05,"level":"yellow"}""",
            JsonSerializer.Serialize(rule.ToView(), LygJsonContext.Wire.SensorRuleView));
    }

    private static Dictionary<string, double> Levels(params (string Level, double Limit)[] levels) => levels.ToDictionary(l => l.Level, l => l.Limit);
}
