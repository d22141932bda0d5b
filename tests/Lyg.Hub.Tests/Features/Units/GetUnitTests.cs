using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;

namespace Lyg.Hub.Tests.Features.Units;

[Collection(AzuriteDefinition.Name)]
public sealed class GetUnitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private UnitStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        await SaveAsync(_store, Unit("D320706", UnitKind.District), Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_read_the_unit_with_its_notice_contact()
    {
        var answer = await GetAsync(Dispatcher, "S320706-XINHAI");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("S320706-XINHAI", answer.Body.GetProperty("code").GetString());
        Assert.Equal("streetOffice", answer.Body.GetProperty("kind").GetString());
        Assert.Equal("D320706", answer.Body.GetProperty("parentCode").GetString());
        Assert.Equal("s320706-xinhai.dispatch@units.lyg.example", answer.Body.GetProperty("noticeContact").GetString());
        Assert.True(answer.Body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_citizen_reads_the_unit_without_its_notice_contact()
    {
        var answer = await GetAsync(Citizen, "S320706-XINHAI");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal("单位S320706-XINHAI", answer.Body.GetProperty("name").GetString());
        Assert.False(answer.Body.TryGetProperty("noticeContact", out _));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Inspector, true)]
    [InlineData(Roles.Unit, true)]
    [InlineData(Roles.Citizen, false)]
    public void Only_staff_and_unit_staff_see_notice_contacts(string role, bool sees) =>
        Assert.Equal(sees, GetUnit.MaySeeContact(new Caller(TestJwt.Issuer, "someone", new HashSet<string> { role }, role == Roles.Unit ? "DEPT-CGJ" : null)));

    [Theory]
    [InlineData("D320799")]
    [InlineData("bad/code")]
    public async Task An_unknown_or_malformed_code_answers_404(string code)
    {
        var answer = await GetAsync(UnitStaff, code);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/not-found", answer.ProblemType);
    }

    private async Task<ExecutedResult> GetAsync(Caller caller, string code)
    {
        var http = Request(caller);
        return await ResultRunner.ExecuteAsync(await new GetUnit(_store).HandleAsync(http, code), http);
    }
}
