using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>
/// Lists over the shared case table: every test dispatches to units and reports as citizens of its own, so the cases
/// of other tests never match the filters the assertions rely on.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class ListCasesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddHours(1));
    private readonly string _unit = NewUnitCode();
    private readonly string _otherUnit = NewUnitCode();
    private readonly Caller _citizen = Person("citizen-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
    private CaseSteps _steps = null!;

    public async Task InitializeAsync()
    {
        var units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(units, UnitFixtures.Unit(_unit), UnitFixtures.Unit(_otherUnit));
        _steps = new CaseSteps(_cases, units);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Staff_filter_by_unit_and_see_each_cases_stage_deadline_and_light()
    {
        var first = await DispatchedAsync(_unit);
        var second = await DispatchedAsync(_unit);
        await DispatchedAsync(_otherUnit);

        var answer = await ListAsync(Dispatcher, $"?unit={_unit}");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), CaseIds(answer).Order(StringComparer.Ordinal));
        var item = answer.Body.GetProperty("items")[0];
        Assert.Equal("dispatched", item.GetProperty("state").GetString());
        Assert.Equal(_unit, item.GetProperty("assignedUnit").GetString());
        Assert.Equal(Category, item.GetProperty("categoryCode").GetString());
        Assert.Equal("normal", item.GetProperty("urgency").GetString());
        Assert.Equal("handle", item.GetProperty("stage").GetString());
        Assert.Equal(Calendar.Add(Morning, Limit(CaseStage.Handle)), item.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("normal", item.GetProperty("light").GetString());
    }

    [Fact]
    public async Task Staff_filter_by_grid_and_by_district_and_see_each_cases_grid()
    {
        var district = City.Grids.Where(g => g.District.Code == "320724").ToList();
        var (here, there) = (district[0], district[^1]);
        var first = await DispatchedAsync(_unit, here);
        var second = await DispatchedAsync(_unit, here);
        var elsewhere = await DispatchedAsync(_unit, there);
        var unplaced = await DispatchedAsync(_unit);

        var byGrid = await ListAsync(Dispatcher, $"?unit={_unit}&grid={here.Code}");
        var byDistrict = await ListAsync(Dispatcher, $"?unit={_unit}&district=320724");
        var all = await ListAsync(Dispatcher, $"?unit={_unit}");

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), CaseIds(byGrid).Order(StringComparer.Ordinal));
        Assert.All(byGrid.Body.GetProperty("items").EnumerateArray(), i => Assert.Equal(here.Code, i.GetProperty("grid").GetString()));
        Assert.Equal(new[] { first, second, elsewhere }.Order(StringComparer.Ordinal), CaseIds(byDistrict).Order(StringComparer.Ordinal));
        var unplacedItem = all.Body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetString() == unplaced);
        Assert.False(unplacedItem.TryGetProperty("grid", out _));
    }

    [Fact]
    public async Task Unit_staff_see_only_their_units_cases_whatever_unit_they_ask_for()
    {
        var mine = await DispatchedAsync(_unit);
        await DispatchedAsync(_otherUnit);

        var asked = await ListAsync(UnitStaff(_unit), $"?unit={_otherUnit}");
        var unasked = await ListAsync(UnitStaff(_unit), "?state=dispatched");

        Assert.Equal(StatusCodes.Status200OK, asked.Status);
        Assert.Equal([mine], CaseIds(asked));
        Assert.Equal([mine], CaseIds(unasked));
    }

    [Fact]
    public async Task A_citizen_sees_only_their_own_reports()
    {
        var registered = await ReportedAsync(_citizen.Subject);
        await _steps.RegisterAsync(registered, Morning);
        var reported = await ReportedAsync(_citizen.Subject);
        await ReportedAsync(_citizen.Subject + "-neighbour");

        var all = await ListAsync(_citizen, null);
        var justRegistered = await ListAsync(_citizen, "?state=registered");

        Assert.Equal(new[] { registered, reported }.Order(StringComparer.Ordinal), CaseIds(all).Order(StringComparer.Ordinal));
        Assert.Equal([registered], CaseIds(justRegistered));
    }

    [Fact]
    public async Task Overdue_lists_the_cases_whose_running_clock_passed_its_deadline_at_the_current_time()
    {
        var late = await DispatchedAsync(_unit, Morning);
        await DispatchedAsync(_unit, Morning.AddDays(7));
        _clock.SetUtcNow(Morning.AddDays(7).AddHours(1));

        var answer = await ListAsync(Dispatcher, $"?unit={_unit}&overdue=true");
        var everything = await ListAsync(Dispatcher, $"?unit={_unit}&overdue=false");

        Assert.Equal([late], CaseIds(answer));
        Assert.Equal("overdue", answer.Body.GetProperty("items")[0].GetProperty("light").GetString());
        Assert.Equal(2, CaseIds(everything).Count);
    }

    [Fact]
    public async Task Pages_are_chained_by_the_continuation_token()
    {
        var created = new[] { await DispatchedAsync(_unit), await DispatchedAsync(_unit), await DispatchedAsync(_unit) };

        var first = await ListAsync(Dispatcher, $"?unit={_unit}&limit=2");
        var token = first.Body.GetProperty("continuationToken").GetString();
        var second = await ListAsync(Dispatcher, $"?unit={_unit}&limit=2&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.Equal(2, CaseIds(first).Count);
        Assert.Equal(created.Order(StringComparer.Ordinal), CaseIds(first).Concat(CaseIds(second)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("?state=open", "state")]
    [InlineData("?state=1", "state")]
    [InlineData("?source=app", "source")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-13-01", "to")]
    [InlineData("?overdue=yes", "overdue")]
    [InlineData("?category=010101", "category")]
    public async Task A_bad_filter_answers_400_naming_it(string query, string field)
    {
        var answer = await ListAsync(Dispatcher, query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task Every_bad_filter_is_named_at_once()
    {
        var answer = await ListAsync(_citizen, "?state=open&limit=0&from=yesterday");

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["from", "limit", "state"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    private static string NewUnitCode() => "U-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static List<string> CaseIds(ExecutedResult answer) =>
        answer.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()!).ToList();

    private async Task<string> ReportedAsync(string reporter, DateTimeOffset? at = null, UnitGrid? grid = null)
    {
        var caseId = AzuriteFixture.NewCaseId();
        var newCase = NewCase(caseId, reporter, at);
        Assert.True(await _cases.CreateAsync(grid is null ? newCase : newCase.In(grid), CancellationToken.None));
        return caseId;
    }

    private Task<string> DispatchedAsync(string unit, UnitGrid grid) => DispatchedAsync(unit, null, grid);

    private async Task<string> DispatchedAsync(string unit, DateTimeOffset? at = null, UnitGrid? grid = null)
    {
        var caseId = await ReportedAsync(_citizen.Subject, at, grid);
        await _steps.DispatchAsync(caseId, unit, at ?? Morning);
        return caseId;
    }

    private async Task<ExecutedResult> ListAsync(Caller caller, string? query)
    {
        var http = UnitFixtures.Request(caller, queryString: query);
        var handler = new ListCases(_cases, new CaseViews(Clocks, Options.Create(new CaseWorkflowOptions()), _clock, SampleRouting), _clock);
        var answer = await ResultRunner.ExecuteAsync(await handler.HandleAsync(http), http);
        if (answer.Status == StatusCodes.Status200OK)
        {
            Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("items").ValueKind);
        }

        return answer;
    }
}
