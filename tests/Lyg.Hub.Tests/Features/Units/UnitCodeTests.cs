using Lyg.Hub.Features.Units;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Tests.Features.Units;

public sealed class UnitCodeTests
{
    [Theory]
    [InlineData("LYG-CENTER")]
    [InlineData("D320706")]
    [InlineData("S320706-XINHAI")]
    [InlineData("ab")]
    [InlineData("9-")]
    [InlineData("A1234567890123456789012345678901")]
    public void Codes_of_2_to_32_letters_digits_and_dashes_are_well_formed(string code) =>
        Assert.True(UnitCode.IsWellFormed(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("-LYG")]
    [InlineData("A12345678901234567890123456789012")]
    [InlineData("DEPT CGJ")]
    [InlineData("DEPT_CGJ")]
    [InlineData("DEPT/CGJ")]
    [InlineData("DEPT#1")]
    [InlineData("城管局")]
    [InlineData("DEPT-CGJ\n")]
    [InlineData("ＤＥＰＴ")]
    public void Other_codes_are_refused(string? code) =>
        Assert.False(UnitCode.IsWellFormed(code));
}
