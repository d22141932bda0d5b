using Lyg.Hub.Features.Codes;

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
}
