using Lyg.Contracts;
using Lyg.Hub.Features.Codes;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Tests.Features.Codes;

public sealed class CategoryCodeTests
{
    [Theory]
    [InlineData("0101")]
    [InlineData("9999")]
    [InlineData("01010")]
    public void Four_or_five_ascii_digits_are_well_formed(string code)
    {
        Assert.True(CategoryCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("010")]
    [InlineData("010101")]
    [InlineData("01a1")]
    [InlineData("0101 ")]
    [InlineData("0101\n")]
    [InlineData("\n0101")]
    [InlineData("-101")]
    [InlineData("０１０１")]
    [InlineData("١٢٣٤")]
    public void Anything_else_is_not(string? code)
    {
        Assert.False(CategoryCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData("0101")]
    [InlineData("0602")]
    [InlineData("0509")]
    [InlineData("0501")]
    [InlineData("01010")]
    [InlineData("10002")]
    public void A_code_of_the_scheme_its_length_implies_passes(string code)
    {
        Assert.Null(CategoryCode.Check(code));
    }

    [Theory]
    [InlineData("0101", CodeKind.Component)]
    [InlineData("0101", CodeKind.Event)]
    [InlineData("0131", CodeKind.Component)]
    [InlineData("0116", CodeKind.Event)]
    [InlineData("01001", CodeKind.Component)]
    [InlineData("06001", CodeKind.Event)]
    public void A_code_passes_with_a_kind_it_names(string code, CodeKind kind)
    {
        Assert.Null(CategoryCode.Check(code, kind));
    }

    [Fact]
    public void A_code_with_a_kind_it_does_not_name_is_refused_saying_what_it_is()
    {
        Assert.Equal("0131 is not an event category of scheme gb2013: it is 通信立杆 (component).", CategoryCode.Check("0131", CodeKind.Event));
        Assert.Contains("is not a component category of scheme gb2013", CategoryCode.Check("0116", CodeKind.Component), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0101", null, null)]
    [InlineData("0101", CodeKind.Event, CodeKind.Event)]
    [InlineData("0131", null, CodeKind.Component)]
    [InlineData("0116", null, CodeKind.Event)]
    [InlineData("01001", null, CodeKind.Component)]
    [InlineData(null, null, null)]
    public void The_kind_of_a_case_is_the_one_asked_else_the_only_one_its_code_names(string? code, CodeKind? asked, CodeKind? expected)
    {
        Assert.Equal(expected, CategoryCode.KindOf(code, asked));
    }

    [Theory]
    [InlineData("9999", "gb2013")]
    [InlineData("0510", "gb2013")]
    [InlineData("01016", "gb2026")]
    [InlineData("05001", "gb2026")]
    public void An_unknown_code_is_refused_naming_its_scheme(string code, string scheme)
    {
        Assert.Equal($"{code} is not a category of scheme {scheme}; GET /api/v1/codes?scheme={scheme} lists them.", CategoryCode.Check(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("12")]
    [InlineData("abc")]
    public void A_malformed_code_gets_the_shape_error(string? code)
    {
        Assert.Equal(CategoryCode.ShapeError, CategoryCode.Check(code));
    }

    [Fact]
    public void Another_catalogue_can_be_checked_against()
    {
        var catalog = CodeCatalog.FromData(new CodeData(
            [new CodeSchemeData(CodeSchemes.Gb2013, "t", "s", [new CodeMajorData(CodeKind.Event, "99", "m", [new("9901", "n", CodeConfidence.Provisional)])])],
            []));

        Assert.Null(CategoryCode.Check("9901", catalog: catalog));
        Assert.NotNull(CategoryCode.Check("0101", catalog: catalog));
    }
}
