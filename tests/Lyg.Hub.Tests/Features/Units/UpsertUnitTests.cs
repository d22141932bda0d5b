using Lyg.Contracts;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Routing;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;

namespace Lyg.Hub.Tests.Features.Units;

[Collection(AzuriteDefinition.Name)]
public sealed class UpsertUnitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private UnitStore _store = null!;
    private CurrentRouting _routing = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        _routing = new CurrentRouting(RoutingRules.LoadDefault(), _store);
        await SaveAsync(_store, Unit("D320706", UnitKind.District));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void An_undefined_kind_is_refused_even_if_it_got_past_the_json_reader()
    {
        Assert.Equal(["kind"], UpsertUnit.Validate("S320706-XINHAI", new UpsertUnitRequest("海州区新海街道", (UnitKind)42, null, null, null)).Keys);
    }

    [Fact]
    public async Task A_service_area_is_stored_and_routes_on_this_host_at_once()
    {
        var answer = await PutAsync(
            "S320706-XINHAI",
            """{"name":"海州区新海街道","kind":"streetOffice","parentCode":"D320706","serviceArea":{"places":["320706001"],"categories":["01*","0201"]}}""");

        Assert.Equal(StatusCodes.Status201Created, answer.Status);
        Assert.Equal(
            new UnitServiceArea(["320706001"], ["01*", "0201"]),
            (await _store.FindAsync("S320706-XINHAI", CancellationToken.None))!.ServiceArea);
        var xinhai = new RouteQuery("0110", CodeKind.Event, ["320706001001001", "320706001001", "320706001", "320706"]);
        Assert.Equal("S320706-XINHAI", _routing.Rules.Resolve(xinhai)?.Unit);
        Assert.Equal(["S320706-XINHAI"], _routing.UnitsServing(xinhai.Places).Select(s => s.Unit.Code));
    }

    [Fact]
    public async Task Clearing_or_deactivating_takes_the_service_area_out_of_routing()
    {
        const string withArea = """{"name":"海州区新海街道","kind":"streetOffice","serviceArea":{"places":["320706001"],"categories":["*"]}}""";
        var xinhai = new RouteQuery("0601", CodeKind.Event, ["320706001"]);
        await PutAsync("S320706-XINHAI", withArea);
        Assert.Equal("S320706-XINHAI", _routing.Rules.Resolve(xinhai)?.Unit);

        await PutAsync("S320706-XINHAI", withArea.Replace("}}", "},\"active\":false}", StringComparison.Ordinal));
        Assert.Equal("LYG-CENTER", _routing.Rules.Resolve(xinhai)?.Unit);

        await PutAsync("S320706-XINHAI", withArea);
        await PutAsync("S320706-XINHAI", """{"name":"海州区新海街道","kind":"streetOffice"}""");
        Assert.Equal("LYG-CENTER", _routing.Rules.Resolve(xinhai)?.Unit);
    }

    [Theory]
    [InlineData("""{"places":["320799001"],"categories":["*"]}""", "serviceArea.places", "not a place of the place map")]
    [InlineData("""{"places":["3207060"],"categories":["*"]}""", "serviceArea.places", "not a place code")]
    [InlineData("""{"places":["*"],"categories":["*"]}""", "serviceArea.places", "not a place code")]
    [InlineData("""{"places":[],"categories":["*"]}""", "serviceArea.places", "at least one place")]
    [InlineData("""{"places":["320706001","320706001"],"categories":["*"]}""", "serviceArea.places", "listed twice")]
    [InlineData("""{"places":["320706001"]}""", "serviceArea.categories", "at least one category")]
    [InlineData("""{"places":["320706001"],"categories":["1*"]}""", "serviceArea.categories", "a category is")]
    [InlineData("""{"places":["320706001"],"categories":["0199"]}""", "serviceArea.categories", "not a category of scheme gb2013")]
    [InlineData("""{"places":["320706001"],"categories":[""]}""", "serviceArea.categories", "may not be empty")]
    public async Task A_bad_service_area_answers_400_and_writes_nothing(string area, string field, string message)
    {
        var answer = await PutAsync("S320706-XINHAI", $$$"""{"name":"海州区新海街道","kind":"streetOffice","serviceArea":{{{area}}}}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
        Assert.Contains(message, answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await _store.FindAsync("S320706-XINHAI", CancellationToken.None));
    }

    [Fact]
    public async Task A_service_area_may_not_be_longer_than_the_limit()
    {
        var places = string.Join(",", Enumerable.Repeat("\"320706001\"", UpsertUnit.MaxServiceAreaPlaces + 1));

        var answer = await PutAsync("S320706-XINHAI", $$$"""{"name":"x","kind":"streetOffice","serviceArea":{"places":[{{{places}}}],"categories":["*"]}}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Contains($"At most {UpsertUnit.MaxServiceAreaPlaces} entries", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_unit_answers_201_with_its_location_and_view()
    {
        var answer = await PutAsync(
            "S320706-XINHAI",
            """{"name":" 海州区新海街道 ","kind":"streetOffice","parentCode":"D320706","noticeContact":"s320706-xinhai.dispatch@units.lyg.example"}""");

        Assert.Equal(StatusCodes.Status201Created, answer.Status);
        Assert.Equal("/api/v1/units/S320706-XINHAI", answer.Headers.Location.ToString());
        Assert.Equal("S320706-XINHAI", answer.Body.GetProperty("code").GetString());
        Assert.Equal("海州区新海街道", answer.Body.GetProperty("name").GetString());
        Assert.Equal("streetOffice", answer.Body.GetProperty("kind").GetString());
        Assert.Equal("D320706", answer.Body.GetProperty("parentCode").GetString());
        Assert.True(answer.Body.GetProperty("active").GetBoolean());
        Assert.Equal(
            new UnitView("S320706-XINHAI", "海州区新海街道", UnitKind.StreetOffice, "D320706", "s320706-xinhai.dispatch@units.lyg.example", true),
            await _store.FindAsync("S320706-XINHAI", CancellationToken.None));
    }

    [Fact]
    public async Task Replacing_an_existing_unit_answers_200_and_omitted_fields_are_cleared()
    {
        await SaveAsync(_store, Unit("ENT-GAS", UnitKind.Enterprise, parent: "D320706"));

        var answer = await PutAsync("ENT-GAS", """{"name":"连云港港华燃气有限公司","kind":"enterprise","parentCode":"","active":false}""");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.False(answer.Headers.ContainsKey("Location"));
        Assert.False(answer.Body.TryGetProperty("parentCode", out _));
        Assert.False(answer.Body.GetProperty("active").GetBoolean());
        Assert.Equal(
            new UnitView("ENT-GAS", "连云港港华燃气有限公司", UnitKind.Enterprise, null, null, false),
            await _store.FindAsync("ENT-GAS", CancellationToken.None));
    }

    [Fact]
    public async Task Putting_the_same_unit_twice_answers_201_then_200()
    {
        const string body = """{"name":"连云港市城市管理局","kind":"department"}""";

        var first = await PutAsync("DEPT-CGJ", body);
        var second = await PutAsync("DEPT-CGJ", body);

        Assert.Equal(StatusCodes.Status201Created, first.Status);
        Assert.Equal(StatusCodes.Status200OK, second.Status);
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
    }

    [Theory]
    [InlineData("-BAD")]
    [InlineData("A")]
    [InlineData("DEPT CGJ")]
    [InlineData("DEPT-CGJ\n")]
    public async Task A_malformed_code_answers_400_and_writes_nothing(string code)
    {
        var answer = await PutAsync(code, """{"name":"某单位","kind":"department"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal(["unitCode"], answer.ErrorFields);
        Assert.Single((await _store.ListAsync(null, null, 10, null, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Missing_name_and_kind_answer_400_naming_both()
    {
        var answer = await PutAsync("DEPT-CGJ", """{"name":"   ","parentCode":"bad/parent"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal(["kind", "name", "parentCode"], answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Null(await _store.FindAsync("DEPT-CGJ", CancellationToken.None));
    }

    [Fact]
    public async Task Overlong_name_and_contact_answer_400()
    {
        var name = new string('局', UpsertUnit.MaxNameLength + 1);
        var contact = new string('x', UpsertUnit.MaxNoticeContactLength + 1);

        var answer = await PutAsync("DEPT-CGJ", $$"""{"name":"{{name}}","kind":"department","noticeContact":"{{contact}}"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["name", "noticeContact"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_of_exactly_the_limit_is_accepted()
    {
        var answer = await PutAsync("DEPT-CGJ", $$"""{"name":"{{new string('局', UpsertUnit.MaxNameLength)}}","kind":"department"}""");

        Assert.Equal(StatusCodes.Status201Created, answer.Status);
    }

    [Fact]
    public async Task An_unknown_kind_answers_400_naming_the_field()
    {
        var answer = await PutAsync("DEPT-CGJ", """{"name":"某单位","kind":"agency"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["kind"], answer.ErrorFields);
    }

    [Fact]
    public async Task An_unknown_parent_answers_400_and_writes_nothing()
    {
        var answer = await PutAsync("S320703-XUGOU", """{"name":"连云区墟沟街道","kind":"streetOffice","parentCode":"D320703"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["parentCode"], answer.ErrorFields);
        Assert.Null(await _store.FindAsync("S320703-XUGOU", CancellationToken.None));
    }

    [Fact]
    public async Task A_unit_as_its_own_parent_answers_400()
    {
        var answer = await PutAsync("D320706", """{"name":"连云港市海州区","kind":"district","parentCode":"D320706"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["parentCode"], answer.ErrorFields);
        Assert.Contains("cannot be its own ancestor", answer.Body.GetProperty("errors").GetProperty("parentCode")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_unit_under_its_descendant_answers_400_and_keeps_the_tree()
    {
        await SaveAsync(_store, Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"));

        var answer = await PutAsync("D320706", """{"name":"连云港市海州区","kind":"district","parentCode":"S320706-XINHAI"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["parentCode"], answer.ErrorFields);
        Assert.Null((await _store.FindAsync("D320706", CancellationToken.None))!.ParentCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_answers_415()
    {
        var http = Request(Admin, "name=x");
        http.Request.ContentType = "text/plain";

        var answer = await ResultRunner.ExecuteAsync(await new UpsertUnit(_store, CaseFixtures.Places, _routing).HandleAsync(http, "DEPT-CGJ"), http);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, answer.Status);
    }

    private async Task<ExecutedResult> PutAsync(string code, string body)
    {
        var http = Request(Admin, body);
        return await ResultRunner.ExecuteAsync(await new UpsertUnit(_store, CaseFixtures.Places, _routing).HandleAsync(http, code), http);
    }
}
