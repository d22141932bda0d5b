using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>Case actions as a use case without HTTP: machine clients act through it as people do, recorded as themselves.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseCommandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Caller Province = Machine("prov-platform", Roles.Upstream);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddHours(2));
    private readonly string _caseId = AzuriteFixture.NewCaseId();
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit("DEPT-CGJ"));
        await _cases.CreateAsync(NewCase(_caseId), CancellationToken.None);
        var steps = new CaseSteps(_cases, _units);
        await steps.AcceptAsync(_caseId, "DEPT-CGJ", Morning);
        await steps.TakeAsync(_caseId, new CompleteCase(Clocks), UnitStaff("DEPT-CGJ"), """{"result":"已清运"}""", Morning.AddHours(1));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_upper_platform_returning_a_result_puts_the_case_into_rework_recorded_as_the_machine_client()
    {
        await using var durable = new RecordingDurableClient();

        var outcome = await Commands().ApplyAsync(Check("""{"passed":false,"remarks":"退回：现场仍有垃圾"}""", Province), durable, CancellationToken.None);

        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Dispatched), outcome);
        var stored = (await _cases.FindAsync(_caseId, CancellationToken.None))!;
        Assert.Equal(1, stored.Facts.ReworkCount);
        var returned = stored.Timeline[^1];
        Assert.Equal(("check", "prov-platform", Roles.Upstream, "退回：现场仍有垃圾"), (returned.Action, returned.Actor, returned.Role, returned.Reason));
        Assert.Equal(new CaseStateChanged(CaseState.Dispatched), Assert.Single(durable.Events).Payload);
    }

    [Fact]
    public async Task A_machine_of_a_kind_the_action_does_not_admit_is_refused_and_nothing_changes()
    {
        await using var durable = new RecordingDurableClient();

        var outcome = await Commands().ApplyAsync(Check("""{"passed":false,"remarks":"x"}""", Machine("gw-1", Roles.Gateway)), durable, CancellationToken.None);

        var refused = Assert.IsType<CaseCommandOutcome.Refused>(outcome);
        Assert.Equal(StatusCodes.Status403Forbidden, (await ResultRunner.ExecuteAsync(refused.Problem)).Status);
        Assert.Equal(CaseState.Handled, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Facts.State);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task A_machine_retrying_with_its_key_applies_once_and_a_different_body_under_the_key_is_a_conflict()
    {
        await using var durable = new RecordingDurableClient();
        var commands = Commands();

        var first = await commands.ApplyAsync(Check("""{"passed":false,"remarks":"重办"}""", Province) with { IdempotencyKey = "task-77-return-1" }, durable, CancellationToken.None);
        var again = await commands.ApplyAsync(Check("""{"passed":false,"remarks":"重办"}""", Province) with { IdempotencyKey = "task-77-return-1" }, durable, CancellationToken.None);
        var other = await commands.ApplyAsync(Check("""{"passed":false,"remarks":"另一个"}""", Province) with { IdempotencyKey = "task-77-return-1" }, durable, CancellationToken.None);

        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Dispatched), first);
        Assert.Equal(first, again);
        var conflict = Assert.IsType<CaseCommandOutcome.Refused>(other);
        Assert.Equal(StatusCodes.Status409Conflict, (await ResultRunner.ExecuteAsync(conflict.Problem)).Status);
        Assert.Equal(1, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Facts.ReworkCount);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_malformed_whichever_channel_sent_it()
    {
        await using var durable = new RecordingDurableClient();

        var outcome = await Commands().ApplyAsync(Check("passed=false", Province), durable, CancellationToken.None);

        var refused = Assert.IsType<CaseCommandOutcome.Refused>(outcome);
        Assert.Equal(StatusCodes.Status400BadRequest, (await ResultRunner.ExecuteAsync(refused.Problem)).Status);
    }

    private CaseCommands Commands() => new(AllActions(_units, _cases), _cases, CaseFixtures.Claims(azurite.Tables, _cases, _clock), _clock);

    private CaseCommand Check(string body, Caller actor) => new(_caseId, CaseActionNames.Check, Encoding.UTF8.GetBytes(body), actor);

    private static Caller Machine(string clientId, string kind) => new(Caller.MachineIssuer, clientId, new HashSet<string> { kind }, null);
}
