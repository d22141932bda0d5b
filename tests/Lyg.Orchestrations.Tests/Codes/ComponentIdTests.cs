using Lyg.Orchestrations.Codes;

namespace Lyg.Orchestrations.Tests.Codes;

public sealed class ComponentIdTests
{
    [Fact]
    public void A_16_digit_id_is_a_2013_component()
    {
        Assert.True(ComponentId.TryParse("3205080101000001", out var id));

        Assert.Equal(("320508", CodeSchemes.Gb2013, "0101", "000001"), (id.Division, id.Scheme, id.TypeCode, id.Sequence));
        Assert.True(id.IsKnownIn(CodeCatalog.Default));
    }

    [Fact]
    public void A_17_digit_id_is_a_2026_component_with_a_3_digit_minor()
    {
        Assert.True(ComponentId.TryParse("32070601010000042", out var id));

        Assert.Equal(("320706", CodeSchemes.Gb2026, "01010", "000042"), (id.Division, id.Scheme, id.TypeCode, id.Sequence));
        Assert.True(id.IsKnownIn(CodeCatalog.Default));
    }

    [Theory]
    [InlineData("3207060199000001")]
    [InlineData("32070606001000001")]
    public void An_id_whose_type_is_no_component_of_its_scheme_parses_but_is_unknown(string text)
    {
        Assert.True(ComponentId.TryParse(text, out var id));
        Assert.False(id.IsKnownIn(CodeCatalog.Default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("320508010100001")]
    [InlineData("320508010100000001")]
    [InlineData("32050801010000a1")]
    [InlineData("３２０５０８０１０１０００００１")]
    public void Anything_else_does_not_parse(string? text)
    {
        Assert.False(ComponentId.TryParse(text, out var id));
        Assert.Null(id);
    }
}
