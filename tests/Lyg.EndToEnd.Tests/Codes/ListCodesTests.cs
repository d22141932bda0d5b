using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;

namespace Lyg.EndToEnd.Tests.Codes;

[Collection(HubSuite.Name)]
public sealed class ListCodesTests(HubFixture hub)
{
    [Fact]
    public async Task A_signed_in_client_lists_a_scheme_and_reports_only_with_its_codes()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-codes", Roles.Citizen);

        using var response = await citizen.GetAsync("api/v1/codes?scheme=gb2026&kind=component");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.CodeList))!;
        Assert.Equal("gb2026", list.Scheme);
        Assert.Equal(153, list.Items.Count);
        Assert.Contains(new CodeItem(CodeKind.Component, "01010", "热力井盖", "01", "市政公用设施", false), list.Items);

        using var unknownScheme = await citizen.GetAsync("api/v1/codes?scheme=gb1999");
        var schemeProblem = await unknownScheme.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(schemeProblem.GetProperty("errors").TryGetProperty("scheme", out _));

        using var anonymous = await hub.Host.Anonymous.GetAsync("api/v1/codes?scheme=gb2013");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var before = await hub.CountCasesAsync();
        using var unknownCode = await citizen.SubmitAsync(Api.ManholeReport() with { CategoryCode = "9999" });
        var codeProblem = await unknownCode.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = codeProblem.GetProperty("errors").GetProperty("categoryCode")[0].GetString();
        Assert.Contains("scheme gb2013", message, StringComparison.Ordinal);
        Assert.Equal(before, await hub.CountCasesAsync());
    }
}
