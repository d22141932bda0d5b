using System.Text.Json;
using Lyg.Contracts;
using Lyg.Orchestrations.Routing;

namespace Lyg.Orchestrations.Tests.Routing;

public sealed class RoutingRulesTests
{
    // A sample street and its places from the grid up: grid, community, street, district.
    private static readonly string[] XinhaiGrid = ["320706001001001", "320706001001", "320706001", "320706"];
    private static readonly string[] OtherStreetGrid = ["320706002001001", "320706002001", "320706002", "320706"];
    private static readonly string[] LianyunGrid = ["320703001001001", "320703001001", "320703001", "320703"];

    private static RoutingRules Table(params RoutingRule[] rules) => RoutingRules.FromData(new RoutingRuleData(rules));

    private static RoutingRule Rule(string category, string unit, string? kind = null, string place = "*", string? owner = null) =>
        new(category, place, unit) { Kind = kind, Owner = owner };

    private static RouteQuery Query(string? category, CodeKind? kind, string[]? places, string? owner = null) =>
        new(category, kind, places ?? [], owner);

    private static readonly RoutingRules Precedence = Table(
        Rule("*", "DEFAULT"),
        Rule("*", "DISTRICT-ANY", place: "320706"),
        Rule("01*", "MAJOR"),
        Rule("01*", "MAJOR-DISTRICT", place: "320706"),
        Rule("01*", "MAJOR-STREET", place: "320706001"),
        Rule("01*", "MAJOR-GRID", place: "320706001001001"),
        Rule("0101", "EXACT"),
        Rule("0102", "EXACT-COMPONENT", kind: "component"),
        Rule("0102", "EXACT-EVENT", kind: "event"),
        Rule("0102", "EXACT-ANY-KIND"),
        Rule("0103", "ONLY-COMPONENT", kind: "component"),
        Rule("0104", "OWNED", owner: "ENT-KFQ"));

    public static TheoryData<string?, CodeKind?, string[]?, string> PrecedenceCases => new()
    {
        { "0101", null, XinhaiGrid, "EXACT" },
        { "0105", null, XinhaiGrid, "MAJOR-GRID" },
        { "0105", null, ["320706001001002", "320706001001", "320706001", "320706"], "MAJOR-STREET" },
        { "0105", null, OtherStreetGrid, "MAJOR-DISTRICT" },
        { "0105", null, LianyunGrid, "MAJOR" },
        { "0201", null, XinhaiGrid, "DISTRICT-ANY" },
        { "0201", null, LianyunGrid, "DEFAULT" },
        { null, null, null, "DEFAULT" },
        { "0102", CodeKind.Component, null, "EXACT-COMPONENT" },
        { "0102", CodeKind.Event, null, "EXACT-EVENT" },
        { "0102", null, null, "EXACT-ANY-KIND" },
        { "0103", null, null, "ONLY-COMPONENT" },
        { "0103", CodeKind.Event, OtherStreetGrid, "MAJOR-DISTRICT" },
        { "0104", CodeKind.Component, null, "MAJOR" },
    };

    [Theory]
    [MemberData(nameof(PrecedenceCases))]
    public void The_most_specific_rule_wins(string? category, CodeKind? kind, string[]? places, string unit) =>
        Assert.Equal(unit, Precedence.Resolve(Query(category, kind, places))?.Unit);

    [Fact]
    public void Owner_rules_answer_only_when_asked_for_that_owner()
    {
        Assert.Equal("OWNED", Precedence.Resolve(Query("0104", CodeKind.Component, XinhaiGrid, owner: "ENT-KFQ"))?.Unit);
        Assert.Null(Precedence.Resolve(Query("0104", CodeKind.Component, XinhaiGrid, owner: "ENT-OTHER")));
        Assert.Null(Precedence.Resolve(Query("0101", CodeKind.Component, XinhaiGrid, owner: "ENT-KFQ")));
    }

    [Fact]
    public void Without_a_default_a_case_no_rule_covers_gets_no_suggestion() =>
        Assert.Null(Table(Rule("0101", "ENT-WATER")).Resolve(Query("0409", null, XinhaiGrid)));

    [Fact]
    public void The_suggestion_names_its_rule() =>
        Assert.Equal(
            new RouteSuggestion("ENT-WATER", "rule category 0101, kind component, place * → ENT-WATER"),
            Table(Rule("0101", "ENT-WATER", kind: "component")).Resolve(Query("0101", null, null)));

    [Fact]
    public void A_service_area_routes_where_it_is_more_specific_than_the_table()
    {
        var rules = Table(Rule("*", "DEFAULT"), Rule("01*", "DISTRICT", place: "320706"))
            .WithServiceAreas([new ServiceAreaClaim("S-XINHAI", "01*", "320706001")]);

        Assert.Equal(
            new RouteSuggestion("S-XINHAI", "service area of S-XINHAI: category 01*, place 320706001"),
            rules.Resolve(Query("0110", CodeKind.Event, XinhaiGrid)));
        Assert.Equal("DISTRICT", rules.Resolve(Query("0110", CodeKind.Event, OtherStreetGrid))?.Unit);
        Assert.Equal("DEFAULT", rules.Resolve(Query("0201", CodeKind.Event, XinhaiGrid))?.Unit);
    }

    [Fact]
    public void At_the_same_category_and_place_the_table_beats_a_service_area()
    {
        var rules = Table(Rule("01*", "TABLE", place: "320706001")).WithServiceAreas([new ServiceAreaClaim("S-XINHAI", "01*", "320706001")]);

        Assert.Equal("TABLE", rules.Resolve(Query("0110", null, XinhaiGrid))?.Unit);
    }

    [Fact]
    public void A_kind_specific_table_rule_leaves_other_kinds_to_the_service_area()
    {
        var rules = Table(Rule("01*", "COMPONENTS", kind: "component", place: "320706001"))
            .WithServiceAreas([new ServiceAreaClaim("S-XINHAI", "01*", "320706001")]);

        Assert.Equal("COMPONENTS", rules.Resolve(Query("0110", CodeKind.Component, XinhaiGrid))?.Unit);
        Assert.Equal("S-XINHAI", rules.Resolve(Query("0110", CodeKind.Event, XinhaiGrid))?.Unit);
    }

    [Fact]
    public void Overlapping_service_areas_go_to_the_lowest_unit_code_and_name_the_others()
    {
        var rules = Table().WithServiceAreas(
        [
            new ServiceAreaClaim("S-B", "*", "320706001"),
            new ServiceAreaClaim("S-A", "*", "320706001"),
            new ServiceAreaClaim("S-C", "*", "320706001"),
        ]);

        var suggestion = rules.Resolve(Query("0110", null, XinhaiGrid));

        Assert.Equal("S-A", suggestion?.Unit);
        Assert.EndsWith("also claimed by S-B, S-C", suggestion?.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Refreshing_service_areas_replaces_the_previous_ones()
    {
        var table = Table(Rule("*", "DEFAULT"));
        var before = table.WithServiceAreas([new ServiceAreaClaim("S-OLD", "*", "320706001")]);
        var after = before.WithServiceAreas([]);

        Assert.Equal("S-OLD", before.Resolve(Query("0110", null, XinhaiGrid))?.Unit);
        Assert.Equal("DEFAULT", after.Resolve(Query("0110", null, XinhaiGrid))?.Unit);
    }

    [Fact]
    public void A_malformed_service_area_is_refused() =>
        Assert.Throws<ArgumentException>(() => Table().WithServiceAreas([new ServiceAreaClaim("S-A", "1*", "320706001")]));

    [Theory]
    [InlineData("01*", "0101", true)]
    [InlineData("01*", "02101", false)]
    [InlineData("0101", "0101", true)]
    [InlineData("*", "10101", true)]
    [InlineData("0102", "0101", false)]
    public void A_category_key_covers_its_codes(string key, string code, bool covers) =>
        Assert.Equal(covers, RoutingRules.Covers(key, code));

    [Theory]
    [InlineData("0101", "*", "bad/unit", null, null, "unit is")]
    [InlineData("0101", "*", "-X", null, null, "unit is")]
    [InlineData("1*", "*", "U1", null, null, "category is")]
    [InlineData("0101", "3207", "U1", null, null, "place is")]
    [InlineData("0101", "32070600100", "U1", null, null, "place is")]
    [InlineData("0101", "*", "U1", "facility", null, "kind is")]
    [InlineData("0101", "*", "U1", null, "bad owner", "owner is")]
    public void A_malformed_rule_is_rejected(string category, string place, string unit, string? kind, string? owner, string expected)
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(new RoutingRule(category, place, unit) { Kind = kind, Owner = owner }));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rules_for_the_same_category_owner_place_and_kind_are_rejected()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(Rule("01*", "AA", place: "320706"), Rule("01*", "BB", kind: "*", place: "320706")));
        Assert.Contains("same category, owner, place and kind", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_for_different_owners_do_not_tie() =>
        Assert.Equal("BB", Table(Rule("01*", "AA"), Rule("01*", "BB", owner: "ENT-KFQ")).Resolve(Query("0101", null, null, "ENT-KFQ"))?.Unit);

    [Fact]
    public void Component_and_event_rules_without_a_wildcard_beside_them_are_rejected_as_a_tie()
    {
        var thrown = Assert.Throws<ArgumentException>(() => Table(Rule("0101", "AA", kind: "component"), Rule("0101", "BB", kind: "event")));
        Assert.Contains("tie for cases of unknown kind", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_table_loads_and_routes_by_category_place_and_owner()
    {
        var rules = RoutingRules.LoadDefault();

        Assert.Equal("ENT-WATER", rules.Resolve(Query("0101", null, XinhaiGrid))?.Unit);
        Assert.Equal("ENT-LIGHTING", rules.Resolve(Query("0137", CodeKind.Component, LianyunGrid))?.Unit);
        Assert.Equal("D320706", rules.Resolve(Query("0110", CodeKind.Event, XinhaiGrid))?.Unit);
        Assert.Equal("LYG-CENTER", rules.Resolve(Query("0601", CodeKind.Event, ["320722"]))?.Unit);
        Assert.Equal("DEPT-KFQ", rules.Resolve(Query("0137", CodeKind.Component, XinhaiGrid, owner: "DEPT-KFQ"))?.Unit);
    }

    [Fact]
    public void The_sample_table_reads_strictly()
    {
        const string Json = """{"rules":[{"category":"*","place":"*","unit":"LYG-CENTER","district":"320706"}]}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Json, RoutingDataJsonContext.Default.RoutingRuleData));
    }
}
