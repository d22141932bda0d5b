using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Components.ComponentFixtures;

namespace Lyg.Hub.Tests.Features.Components;

[Collection(AzuriteDefinition.Name)]
public sealed class GetComponentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ComponentStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        var damaged = Component(Id(1), Haizhou, state: ComponentState.Damaged) with { ChangedOn = new DateOnly(2026, 3, 1) };
        await _store.WriteAsync([damaged, Component(Id(2, "01001"), HaizhouEast)], null, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_component_is_answered_in_the_wire_vocabulary()
    {
        var answer = await GetAsync(Id(1));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        var body = answer.Body;
        Assert.Equal(Id(1), body.GetProperty("id").GetString());
        Assert.Equal(("gb2013", "0101"), (body.GetProperty("scheme").GetString(), body.GetProperty("typeCode").GetString()));
        Assert.Equal("damaged", body.GetProperty("state").GetString());
        Assert.Equal(Haizhou.Code, body.GetProperty("grid").GetString());
        Assert.Equal("DEPT-CGJ", body.GetProperty("competentUnit").GetProperty("code").GetString());
        Assert.Equal("某小区物业", body.GetProperty("ownerUnit").GetProperty("name").GetString());
        Assert.False(body.GetProperty("ownerUnit").TryGetProperty("code", out _));
        Assert.False(body.TryGetProperty("maintenanceUnit", out _));
        Assert.Equal(("2024-05-20", "2026-03-01"), (body.GetProperty("recordedOn").GetString(), body.GetProperty("changedOn").GetString()));
        Assert.Equal("wgs84", body.GetProperty("location").GetProperty("crs").GetString());
        Assert.Equal("普查", body.GetProperty("source").GetString());
    }

    [Fact]
    public async Task A_gb2026_component_is_found_by_its_17_digit_id()
    {
        var answer = await GetAsync(Id(2, "01001"));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("gb2026", answer.Body.GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("3207060101999999")]
    [InlineData("32070601001999999")]
    public async Task An_unknown_id_answers_404(string id)
    {
        var answer = await GetAsync(id);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/not-found", answer.ProblemType);
        Assert.Equal($"No component {id} in the registry.", answer.Detail);
    }

    [Theory]
    [InlineData("320706010100001")]
    [InlineData("LYG-20000101-000000")]
    [InlineData("32070601010000O1")]
    public async Task A_malformed_id_answers_400_saying_what_an_id_looks_like(string id)
    {
        var answer = await GetAsync(id);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["componentId"], answer.ErrorFields);
        Assert.Contains("16 digits (gb2013) or 17 digits (gb2026)", answer.Body.GetProperty("errors").GetProperty("componentId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_view_survives_a_json_round_trip()
    {
        var stored = await _store.FindAsync(Id(1), CancellationToken.None);

        var json = JsonSerializer.Serialize(stored, LygJsonContext.Default.ComponentView);

        Assert.Equal(stored, JsonSerializer.Deserialize(json, LygJsonContext.Default.ComponentView));
    }

    private async Task<ExecutedResult> GetAsync(string id)
    {
        var http = new DefaultHttpContext();
        return await ResultRunner.ExecuteAsync(await new GetComponent(_store).HandleAsync(http, id), http);
    }
}
