using System.Text.Json;
using Lyg.Contracts;

namespace Lyg.Hub.Tests.Api;

public sealed class WireJsonTests
{
    [Fact]
    public void Answers_carry_chinese_text_as_text_and_keep_html_sensitive_characters_escaped()
    {
        var unit = new UnitView("DEPT-CGJ", "连云港市城市管理局 <b>&</b>", UnitKind.Department, null, null, true);

        var json = JsonSerializer.Serialize(unit, LygJsonContext.Wire.UnitView);

        Assert.Contains("\"name\":\"连云港市城市管理局 \\u003Cb\\u003E\\u0026\\u003C/b\\u003E\"", json, StringComparison.Ordinal);
        Assert.Equal(unit, JsonSerializer.Deserialize(json, LygJsonContext.Default.UnitView));
    }

    [Fact]
    public void Answers_keep_the_contract_shape_camel_case_enums_as_strings_and_no_nulls()
    {
        var unit = new UnitView("DEPT-CGJ", "城管局", UnitKind.StreetOffice, null, null, true);

        Assert.Equal(JsonSerializer.Serialize(unit, LygJsonContext.Default.UnitView).Replace("\\u57CE\\u7BA1\\u5C40", "城管局", StringComparison.Ordinal), JsonSerializer.Serialize(unit, LygJsonContext.Wire.UnitView));
    }
}
