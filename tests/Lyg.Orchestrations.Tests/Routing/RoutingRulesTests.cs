using System.Text.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Routing;

namespace Lyg.Orchestrations.Tests.Routing;

public sealed class RoutingRulesTests
{
    private static RoutingRules Table(params RoutingRule[] rules) => RoutingRules.FromData(new RoutingRuleData(rules));

    private static RoutingRule Rule(string category, string unit, string? kind = null, string district = "*", string street = "*") =>
        new(category, district, street, unit) { Kind = kind };

    private static readonly RoutingRules Precedence = Table(
        Rule("*", "DEFAULT"),
        Rule("*", "DISTRICT-ANY", district: "320706"),
        Rule("01*", "MAJOR"),
        Rule("01*", "MAJOR-DISTRICT", district: "320706"),
        Rule("01*", "MAJOR-STREET", district: "320706", street: "320706001"),
        Rule("0101", "EXACT"),
        Rule("0102", "EXACT-COMPONENT", kind: "component"),
        Rule("0102", "EXACT-EVENT", kind: "event"),
        Rule("0102", "EXACT-ANY-KIND"),
        Rule("0103", "ONLY-COMPONENT", kind: "component"));

    [Theory]
    [InlineData("0101", null, "320706", "320706001", "EXACT")]
    [InlineData("0105", null, "320706", "320706001", "MAJOR-STREET")]
    [InlineData("0105", null, "320706", "320706002", "MAJOR-DISTRICT")]
    [InlineData("0105", null, "320703", "320703001", "MAJOR")]
    [InlineData("0201", null, "320706", "320706001", "DISTRICT-ANY")]
    [InlineData("0201", null, "320703", null, "DEFAULT")]
    [InlineData(null, null, null, null, "DEFAULT")]
    [InlineData("0102", CodeKind.Component, null, null, "EXACT-COMPONENT")]
    [InlineData("0102", CodeKind.Event, null, null, "EXACT-EVENT")]
    [InlineData("0102", null, null, null, "EXACT-ANY-KIND")]
    [InlineData("0103", null, null, null, "ONLY-COMPONENT")]
    [InlineData("0103", CodeKind.Event, "320706", null, "MAJOR-DISTRICT")]
    public void The_most_specific_rule_wins(string? category, CodeKind? kind, string? district, string? street, string unit) =>
        Assert.Equal(unit, Precedence.Resolve(category, kind, district, street)?.Unit);

    [Fact]
    public void Without_a_default_a_case_no_rule_covers_gets_no_suggestion() =>
        Assert.Null(Table(Rule("0101", "ENT-WATER")).Resolve("0409", null, "320706", "320706001"));

    [Fact]
    public void The_suggestion_names_its_rule() =>
        Assert.Equal(
            new RouteSuggestion("ENT-WATER", "category 0101, kind component, district *, street * → ENT-WATER"),
            Table(Rule("0101", "ENT-WATER", kind: "component")).Resolve("0101", null, null, null));

    [Theory]
    [InlineData("0101", "*", "*", "bad/unit", null, "unit is")]
    [InlineData("0101", "*", "*", "-X", null, "unit is")]
    [InlineData("1*", "*", "*", "U1", null, "category is")]
    [InlineData("0101", "3207", "*", "U1", null, "district is")]
    [InlineData("0101", "320706", "320703001", "U1", null, "street is")]
    [InlineData("0101", "*", "320706001", "U1", null, "street is")]
    [InlineData("0101", "*", "*", "U1", "facility", "kind is")]
    public void A_malformed_rule_is_rejected(string category, string district, string street, string unit, string? kind, string expected)
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(new RoutingRule(category, district, street, unit) { Kind = kind }));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rules_for_the_same_category_kind_and_place_are_rejected()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(Rule("01*", "AA", district: "320706"), Rule("01*", "BB", kind: "*", district: "320706")));
        Assert.Contains("same category, kind, district and street", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Component_and_event_rules_without_a_wildcard_beside_them_are_rejected_as_a_tie()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(Rule("0101", "AA", kind: "component"), Rule("0101", "BB", kind: "event")));
        Assert.Contains("tie for cases of unknown kind", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_table_loads_and_routes_by_category_and_place()
    {
        var rules = RoutingRules.LoadDefault();

        Assert.Equal("ENT-WATER", rules.Resolve("0101", null, "320706", "320706001")?.Unit);
        Assert.Equal("ENT-LIGHTING", rules.Resolve("0137", CodeKind.Component, "320703", "320703001")?.Unit);
        Assert.Equal("S320706-XINHAI", rules.Resolve("0110", CodeKind.Event, "320706", "320706001")?.Unit);
        Assert.Equal("D320706", rules.Resolve("0110", CodeKind.Event, "320706", "320706009")?.Unit);
        Assert.Equal("LYG-CENTER", rules.Resolve("0601", CodeKind.Event, "320722", null)?.Unit);
    }

    [Fact]
    public void The_sample_table_reads_strictly()
    {
        const string Json = """{"rules":[{"category":"*","district":"*","street":"*","unit":"LYG-CENTER","owner":"x"}]}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Json, RoutingDataJsonContext.Default.RoutingRuleData));
    }
}
