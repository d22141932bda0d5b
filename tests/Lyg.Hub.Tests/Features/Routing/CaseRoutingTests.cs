using Lyg.Contracts;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Features.Routing;

/// <summary>Routing of a case about a component, over the sample table (ADR 0008).</summary>
public sealed class CaseRoutingTests
{
    private static readonly CasePlace Xinhai = new(
        "320706001001001", new PlaceView("320706001001", "样例社区"), new PlaceView("320706001", "样例街道"), new PlaceView("320706", "海州区"));

    [Fact]
    public void A_component_routes_to_its_maintenance_unit_before_its_owner_and_the_table()
    {
        var suggestion = CaseFixtures.SampleRouting.Suggest("0101", CodeKind.Component, Xinhai, new CaseComponent("3207060101000001", "0101", "ENT-WATER", "ENT-GREENCARE"));

        Assert.Equal(("ENT-GREENCARE", "maintenance unit of component 3207060101000001"), (suggestion?.Unit, suggestion?.Rule));
    }

    [Fact]
    public void Without_a_maintenance_unit_the_owner_answers()
    {
        var suggestion = CaseFixtures.SampleRouting.Suggest("0105", CodeKind.Component, Xinhai, new CaseComponent("3207060105000001", "0105", "ENT-CTCC", null));

        Assert.Equal(("ENT-CTCC", "owner of component 3207060105000001"), (suggestion?.Unit, suggestion?.Rule));
    }

    [Fact]
    public void A_table_rule_naming_the_owner_beats_the_components_own_units()
    {
        var suggestion = CaseFixtures.SampleRouting.Suggest("0137", CodeKind.Component, Xinhai, new CaseComponent("3207060137000001", "0137", "DEPT-KFQ", "ENT-LIGHTING"));

        Assert.Equal("DEPT-KFQ", suggestion?.Unit);
        Assert.Contains("owner DEPT-KFQ", suggestion?.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_without_units_routes_by_the_component_rules_of_the_table()
    {
        // 0101 names both 上水井盖 and 私搭乱建; a component case is a component, so the component rule applies.
        Assert.Equal("ENT-WATER", CaseFixtures.SampleRouting.Suggest("0101", CodeKind.Component, Xinhai, new CaseComponent("3207060101000001", "0101", null, null))?.Unit);
    }

    [Fact]
    public void A_case_about_no_component_routes_by_category_and_place() =>
        Assert.Equal("D320706", CaseFixtures.SampleRouting.Suggest("0116", null, Xinhai)?.Unit);

    [Fact]
    public void The_kind_a_case_carries_picks_the_component_or_the_event_rule_of_a_code_naming_both()
    {
        Assert.Equal("ENT-WATER", CaseFixtures.SampleRouting.Suggest("0101", CodeKind.Component, Xinhai)?.Unit);
        // 私搭乱建 is not the water company's.
        Assert.NotEqual("ENT-WATER", CaseFixtures.SampleRouting.Suggest("0101", CodeKind.Event, Xinhai)?.Unit);
        // Unsaid, the only rule the code has applies.
        Assert.Equal("ENT-WATER", CaseFixtures.SampleRouting.Suggest("0101", null, Xinhai)?.Unit);
    }
}
