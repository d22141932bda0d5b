using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Slips;

[Collection(AzuriteDefinition.Name)]
public sealed class AcknowledgeSlipTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddHours(5));
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    private string SlipId => _caseId + "-s03-02";

    public async Task InitializeAsync()
    {
        await _cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        await _cases.IssueSlipAsync(
            new IssueSlipCommand(_caseId, SlipId, 2, SlipKind.Urging, "handle", Morning.AddHours(4), Morning.AddHours(4), "DEPT-CGJ"), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_addressed_unit_acknowledges_and_a_repeat_is_accepted_keeping_the_first()
    {
        var first = await AcknowledgeAsync(UnitStaff("DEPT-CGJ", "unit-staff-1"), SlipId);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = await AcknowledgeAsync(UnitStaff("DEPT-CGJ", "unit-staff-2"), SlipId);
        var slip = Assert.Single((await _cases.FindAsync(_caseId, CancellationToken.None))!.Slips);

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        Assert.Equal(StatusCodes.Status202Accepted, again.Status);
        Assert.Equal($"/api/v1/cases/{_caseId}", first.Headers.Location.ToString());
        Assert.Equal(Morning.AddHours(5), slip.AcknowledgedAt);
        Assert.Equal("unit-staff-1", slip.AcknowledgedBy);
    }

    [Fact]
    public async Task Another_units_slip_is_not_there_for_it_404_as_for_an_unknown_one()
    {
        var answer = await AcknowledgeAsync(UnitStaff("DEPT-OTHER"), SlipId);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal($"Case {_caseId} has no slip {SlipId} addressed to unit DEPT-OTHER.", answer.Detail);
        Assert.Null(Assert.Single((await _cases.FindAsync(_caseId, CancellationToken.None))!.Slips).AcknowledgedAt);
    }

    [Fact]
    public async Task An_unknown_slip_is_answered_404()
    {
        var answer = await AcknowledgeAsync(UnitStaff("DEPT-CGJ"), _caseId + "-s03-09");

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
        Assert.Equal($"Case {_caseId} has no slip {_caseId}-s03-09 addressed to unit DEPT-CGJ.", answer.Detail);
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a/b")]
    public async Task A_slip_id_no_slip_can_have_is_answered_404(string slipId)
    {
        var answer = await AcknowledgeAsync(UnitStaff("DEPT-CGJ"), slipId);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
    }

    [Fact]
    public async Task Only_unit_staff_acknowledge()
    {
        var answer = await AcknowledgeAsync(Operator, SlipId);

        Assert.Equal(StatusCodes.Status403Forbidden, answer.Status);
        Assert.Equal("'acknowledge-slip' needs the unit role.", answer.Detail);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"slipId":" "}""")]
    public async Task The_slip_must_be_named(string body)
    {
        var http = UnitFixtures.Request(UnitStaff("DEPT-CGJ"), body);

        var answer = await ResultRunner.ExecuteAsync(await new AcknowledgeSlip(_cases, _clock).HandleAsync(http, _caseId), http);

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["slipId"], answer.ErrorFields);
    }

    private async Task<ExecutedResult> AcknowledgeAsync(Caller caller, string slipId)
    {
        var http = UnitFixtures.Request(caller, $$"""{"slipId":"{{slipId}}"}""");
        return await ResultRunner.ExecuteAsync(await new AcknowledgeSlip(_cases, _clock).HandleAsync(http, _caseId), http);
    }
}
