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

        Assert.Null(CategoryCode.Check("9901", catalog));
        Assert.NotNull(CategoryCode.Check("0101", catalog));
    }
}
