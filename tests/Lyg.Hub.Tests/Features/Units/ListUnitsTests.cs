using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;

namespace Lyg.Hub.Tests.Features.Units;

[Collection(AzuriteDefinition.Name)]
public sealed class ListUnitsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private UnitStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        await SaveAsync(
            _store,
            Unit("D320706", UnitKind.District),
            Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"),
            Unit("S320706-XINNAN", UnitKind.StreetOffice, parent: "D320706", active: false),
            Unit("DEPT-CGJ"),
            Unit("ENT-GAS", UnitKind.Enterprise));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Without_parameters_every_unit_is_listed_in_code_order()
    {
        var answer = await ListAsync(null);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(["D320706", "DEPT-CGJ", "ENT-GAS", "S320706-XINHAI", "S320706-XINNAN"], Codes(answer));
        Assert.False(answer.Body.TryGetProperty("continuationToken", out _));
        var first = answer.Body.GetProperty("items")[0];
        Assert.Equal("district", first.GetProperty("kind").GetString());
        Assert.Equal("d320706.dispatch@units.lyg.example", first.GetProperty("noticeContact").GetString());
    }

    [Theory]
    [InlineData("?kind=streetOffice", new[] { "S320706-XINHAI", "S320706-XINNAN" })]
    [InlineData("?kind=streetOffice&active=true", new[] { "S320706-XINHAI" })]
    [InlineData("?active=false", new[] { "S320706-XINNAN" })]
    [InlineData("?kind=enterprise&active=", new[] { "ENT-GAS" })]
    [InlineData("?kind=county", new string[0])]
    public async Task Kind_and_activity_filter_the_list(string query, string[] expected)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(expected, Codes(answer));
    }

    [Fact]
    public async Task Pages_are_chained_by_the_continuation_token()
    {
        var first = await ListAsync("?limit=2");
        var token = first.Body.GetProperty("continuationToken").GetString();
        var second = await ListAsync($"?limit=2&continuationToken={token}");
        var third = await ListAsync($"?limit=2&continuationToken={second.Body.GetProperty("continuationToken").GetString()}");

        Assert.Equal(["D320706", "DEPT-CGJ"], Codes(first));
        Assert.Equal(["ENT-GAS", "S320706-XINHAI"], Codes(second));
        Assert.Equal(["S320706-XINNAN"], Codes(third));
        Assert.False(third.Body.TryGetProperty("continuationToken", out _));
    }

    [Theory]
    [InlineData("?kind=Department", "kind")]
    [InlineData("?kind=street_office", "kind")]
    [InlineData("?active=yes", "active")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=ten", "limit")]
    public async Task Malformed_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        var answer = await ListAsync(query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task A_continuation_token_longer_than_the_table_ever_gives_answers_400()
    {
        var answer = await ListAsync("?continuationToken=" + new string('x', 1025));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["continuationToken"], answer.ErrorFields);
    }

    private async Task<ExecutedResult> ListAsync(string? query)
    {
        var http = Request(Dispatcher, queryString: query);
        return await ResultRunner.ExecuteAsync(await new ListUnits(_store).HandleAsync(http), http);
    }

    private static List<string?> Codes(ExecutedResult answer) =>
        [.. answer.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString())];
}
