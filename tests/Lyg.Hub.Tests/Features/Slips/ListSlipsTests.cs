using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Slips;

/// <summary>Slips addressed to units of the test's own, so slips of other tests in the shared table never match.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class ListSlipsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly string _unit = "U-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    private readonly string _otherUnit = "U-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    public async Task InitializeAsync()
    {
        await _cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        await IssueAsync(1, SlipKind.Reminder, _unit);
        await IssueAsync(2, SlipKind.Urging, _unit);
        await IssueAsync(3, SlipKind.Supervision, _otherUnit);
        await _cases.AcknowledgeSlipAsync(_caseId, SlipId(1), _unit, "unit-staff-1", Morning.AddHours(1), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Supervisors_list_the_slips_of_a_unit_with_their_case_and_acknowledgement()
    {
        var answer = await ListAsync(Person("sup-1", Roles.Supervisor), $"?unit={_unit}");

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal([SlipId(1), SlipId(2)], SlipIds(answer).Order(StringComparer.Ordinal));
        var reminder = answer.Body.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("slipId").GetString() == SlipId(1));
        Assert.Equal(_caseId, reminder.GetProperty("caseId").GetString());
        Assert.Equal("reminder", reminder.GetProperty("kind").GetString());
        Assert.Equal("handle", reminder.GetProperty("stage").GetString());
        Assert.Equal(_unit, reminder.GetProperty("addressedTo").GetString());
        Assert.Equal("unit-staff-1", reminder.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(Morning.AddHours(1), reminder.GetProperty("acknowledgedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("&kind=urging", new[] { 2 })]
    [InlineData("&acknowledged=false", new[] { 2 })]
    [InlineData("&acknowledged=true", new[] { 1 })]
    [InlineData("&kind=supervision", new int[0])]
    public async Task Kind_and_acknowledgement_filter_the_slips(string query, int[] numbers)
    {
        var answer = await ListAsync(Person("lead-1", Roles.ShiftLead), $"?unit={_unit}{query}");

        Assert.Equal(numbers.Select(SlipId), SlipIds(answer).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?unit={other}")]
    public async Task Unit_staff_see_only_the_slips_addressed_to_their_unit(string query)
    {
        var answer = await ListAsync(UnitStaff(_unit), query.Replace("{other}", _otherUnit, StringComparison.Ordinal));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal([SlipId(1), SlipId(2)], SlipIds(answer).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Inspector)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Citizen)]
    public async Task Unit_staff_holding_another_role_that_may_not_list_slips_still_see_only_their_units(string otherRole)
    {
        var caller = Person("unit-staff-2", Roles.Unit, otherRole) with { Unit = _unit };

        var answer = await ListAsync(caller with { ActingAs = caller.ActingRole(Lyg.Hub.Api.ApiEndpoints.ListSlips.AllowedRoles)! }, $"?unit={_otherUnit}");

        Assert.Equal([SlipId(1), SlipId(2)], SlipIds(answer).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("?kind=soon", "kind")]
    [InlineData("?acknowledged=yes", "acknowledged")]
    [InlineData("?limit=0", "limit")]
    public async Task A_bad_filter_answers_400_naming_it(string query, string field)
    {
        var answer = await ListAsync(Person("sup-1", Roles.Supervisor), query);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    private string SlipId(int number) => $"{_caseId}-s03-{number:D2}";

    private static List<string> SlipIds(ExecutedResult answer) =>
        answer.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slipId").GetString()!).ToList();

    private Task IssueAsync(int number, SlipKind kind, string addressedTo) => _cases.IssueSlipAsync(
        new IssueSlipCommand(_caseId, SlipId(number), number, kind, "handle", Morning.AddMinutes(number), Morning.AddHours(4), addressedTo),
        CancellationToken.None);

    private async Task<ExecutedResult> ListAsync(Caller caller, string query)
    {
        var http = UnitFixtures.Request(caller, queryString: query);
        return await ResultRunner.ExecuteAsync(await new ListSlips(_cases).HandleAsync(http), http);
    }
}
