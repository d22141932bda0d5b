using Lyg.Contracts;
using Lyg.Orchestrations.Codes;

namespace Lyg.Orchestrations.Tests.Codes;

/// <summary>The embedded catalogue against the reference CSV (shared/reference/component-event-codes.csv).</summary>
public sealed class CodeCatalogTests
{
    private static readonly CodeCatalog Catalog = CodeCatalog.Default;

    [Fact]
    public void Three_schemes_are_shipped()
    {
        Assert.Equal([CodeSchemes.Gb2013, CodeSchemes.Cj214, CodeSchemes.Gb2026], Catalog.Schemes);
    }

    [Theory]
    [InlineData(CodeSchemes.Gb2013, CodeKind.Component, "01:76 02:44 03:16 04:14 05:3")]
    [InlineData(CodeSchemes.Gb2013, CodeKind.Event, "01:51 02:7 03:16 04:21 05:9 06:2")]
    [InlineData(CodeSchemes.Cj214, CodeKind.Component, "")]
    [InlineData(CodeSchemes.Cj214, CodeKind.Event, "01:51 02:7 03:16 04:9 05:21 06:2")]
    [InlineData(CodeSchemes.Gb2026, CodeKind.Component, "01:76 02:44 03:16 04:14 05:3")]
    [InlineData(CodeSchemes.Gb2026, CodeKind.Event, "06:51 07:7 08:16 09:21 10:2")]
    public void Each_major_holds_the_rows_of_the_reference_table(string scheme, CodeKind kind, string countsByMajor)
    {
        var counts = Catalog.List(scheme, kind).GroupBy(e => e.MajorCode).Select(g => $"{g.Key}:{g.Count()}");

        Assert.Equal(countsByMajor, string.Join(' ', counts));
    }

    [Fact]
    public void The_2013_majors_are_named_as_the_city_plan_names_them()
    {
        var majors = Catalog.List(CodeSchemes.Gb2013).Select(e => $"{e.Kind} {e.MajorCode} {e.MajorName}").Distinct();

        Assert.Equal(
            [
                "Component 01 公用设施", "Component 02 交通设施", "Component 03 市容环境设施", "Component 04 园林绿化设施", "Component 05 其他部件",
                "Event 01 市容环境类", "Event 02 宣传广告类", "Event 03 施工管理类", "Event 04 街面秩序类", "Event 05 突发事件类", "Event 06 其他事件类",
            ],
            majors);
    }

    [Fact]
    public void Codes_have_the_length_of_their_scheme_and_start_with_their_major()
    {
        Assert.All(Catalog.Schemes, scheme => Assert.All(Catalog.List(scheme), e =>
        {
            Assert.Equal(scheme == CodeSchemes.Gb2026 ? 5 : 4, e.Code.Length);
            Assert.StartsWith(e.MajorCode, e.Code, StringComparison.Ordinal);
        }));
    }

    [Fact]
    public void Only_the_2013_emergency_subclasses_are_provisional()
    {
        var provisional = Catalog.List(CodeSchemes.Gb2013).Where(e => e.IsProvisional).ToList();

        Assert.Equal(9, provisional.Count);
        Assert.All(provisional, e => Assert.Equal((CodeKind.Event, "05", "突发事件类"), (e.Kind, e.MajorCode, e.MajorName)));
        Assert.Equal(CodeConfidence.Provisional, Catalog.Find(CodeSchemes.Cj214, CodeKind.Event, "0401").Single().Confidence);
        Assert.DoesNotContain(Catalog.List(CodeSchemes.Gb2026), e => e.IsProvisional);
    }

    [Fact]
    public void A_4_digit_code_can_name_a_component_and_an_event()
    {
        var found = Catalog.Find(CodeSchemes.Gb2013, null, "0101");

        Assert.Equal(["Component 供水井盖", "Event 私搭乱建"], found.Select(e => $"{e.Kind} {e.Name}"));
        Assert.Equal("私搭乱建", Assert.Single(Catalog.Find(CodeSchemes.Gb2013, CodeKind.Event, "0101")).Name);
    }

    [Theory]
    [InlineData(CodeSchemes.Gb2013, null, "0101", true)]
    [InlineData(CodeSchemes.Gb2013, CodeKind.Event, "0602", true)]
    [InlineData(CodeSchemes.Gb2013, CodeKind.Event, "0131", false)]
    [InlineData(CodeSchemes.Gb2013, CodeKind.Component, "0501", false)]
    [InlineData(CodeSchemes.Gb2013, null, "9999", false)]
    [InlineData(CodeSchemes.Gb2026, CodeKind.Component, "01010", true)]
    [InlineData(CodeSchemes.Gb2026, CodeKind.Event, "01010", false)]
    [InlineData(CodeSchemes.Gb2026, null, "0101", false)]
    [InlineData(CodeSchemes.Cj214, CodeKind.Component, "0101", false)]
    public void Known_codes_are_those_of_the_scheme_and_kind(string scheme, CodeKind? kind, string code, bool known)
    {
        Assert.Equal(known, Catalog.IsKnown(scheme, kind, code));
    }

    [Fact]
    public void An_unknown_scheme_is_an_argument_error()
    {
        Assert.False(Catalog.HasScheme("gb2099"));
        Assert.False(Catalog.HasScheme(null));
        Assert.Throws<ArgumentException>(() => Catalog.List("gb2099"));
        Assert.Throws<ArgumentException>(() => Catalog.Map(CodeSchemes.Gb2013, CodeKind.Event, "0101", "gb2099"));
    }
}
