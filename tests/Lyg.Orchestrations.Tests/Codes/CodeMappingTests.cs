using Lyg.Contracts;
using Lyg.Orchestrations.Codes;

namespace Lyg.Orchestrations.Tests.Codes;

public sealed class CodeMappingTests
{
    private static readonly CodeCatalog Catalog = CodeCatalog.Default;

    [Theory]
    [InlineData(CodeKind.Component, "0101", "01001")]
    [InlineData(CodeKind.Component, "0177", "01077")]
    [InlineData(CodeKind.Component, "0509", "05009")]
    [InlineData(CodeKind.Event, "0101", "06001")]
    [InlineData(CodeKind.Event, "0208", "07008")]
    [InlineData(CodeKind.Event, "0316", "08016")]
    [InlineData(CodeKind.Event, "0422", "09022")]
    [InlineData(CodeKind.Event, "0602", "10002")]
    public void Gb2013_and_gb2026_map_both_ways(CodeKind kind, string code2013, string code2026)
    {
        Assert.Equal(code2026, Catalog.Map(CodeSchemes.Gb2013, kind, code2013, CodeSchemes.Gb2026)?.Code);
        Assert.Equal(code2013, Catalog.Map(CodeSchemes.Gb2026, kind, code2026, CodeSchemes.Gb2013)?.Code);
    }

    [Fact]
    public void Every_2026_code_has_a_2013_counterpart_of_the_same_name()
    {
        Assert.All(Catalog.List(CodeSchemes.Gb2026), e =>
            Assert.Equal(e.Name, Catalog.Map(CodeSchemes.Gb2026, e.Kind, e.Code, CodeSchemes.Gb2013)?.Name));
    }

    [Theory]
    [InlineData(CodeKind.Event, "0501")]
    [InlineData(CodeKind.Event, "0507")]
    [InlineData(CodeKind.Event, "0199")]
    [InlineData(CodeKind.Component, "0602")]
    public void Provisional_and_unknown_2013_codes_have_no_2026_counterpart(CodeKind kind, string code)
    {
        Assert.Null(Catalog.Map(CodeSchemes.Gb2013, kind, code, CodeSchemes.Gb2026));
    }

    [Theory]
    [InlineData("0401", "0501", "街面秩序类", "无照经营游商")]
    [InlineData("0501", "0401", "突发事件类", "路面塌陷")]
    [InlineData("0101", "0101", "市容环境类", "私搭乱建")]
    [InlineData("0602", "0602", "其他事件类", "架空线缆脱落")]
    public void Cj214_swaps_the_2013_event_majors_04_and_05(string code2013, string codeCj214, string majorName, string name)
    {
        var mapped = Catalog.Map(CodeSchemes.Gb2013, CodeKind.Event, code2013, CodeSchemes.Cj214);

        Assert.Equal((codeCj214, majorName, name), (mapped?.Code, mapped?.MajorName, mapped?.Name));
        Assert.Equal(code2013, Catalog.Map(CodeSchemes.Cj214, CodeKind.Event, codeCj214, CodeSchemes.Gb2013)?.Code);
    }

    [Fact]
    public void Cj214_lists_no_components_so_they_do_not_map()
    {
        Assert.Null(Catalog.Map(CodeSchemes.Gb2013, CodeKind.Component, "0101", CodeSchemes.Cj214));
    }

    [Fact]
    public void Cj214_and_gb2026_map_through_gb2013()
    {
        Assert.Equal("09001", Catalog.Map(CodeSchemes.Cj214, CodeKind.Event, "0501", CodeSchemes.Gb2026)?.Code);
        Assert.Equal("0501", Catalog.Map(CodeSchemes.Gb2026, CodeKind.Event, "09001", CodeSchemes.Cj214)?.Code);
        Assert.Null(Catalog.Map(CodeSchemes.Cj214, CodeKind.Event, "0401", CodeSchemes.Gb2026));
    }

    [Fact]
    public void A_scheme_maps_onto_itself()
    {
        Assert.Equal("供水井盖", Catalog.Map(CodeSchemes.Gb2013, CodeKind.Component, "0101", CodeSchemes.Gb2013)?.Name);
    }
}
