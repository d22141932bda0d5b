using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>并单 through the case commands, on Azurite: the two steps, every refusal naming its field, and retries.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class MergeCaseTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Unit = "DEPT-CGJ";

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly FakeTimeProvider _clock = new(Morning.AddHours(2));
    private readonly string _main = AzuriteFixture.NewCaseId();
    private readonly string _merging = AzuriteFixture.NewCaseId();
    private UnitStore _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await UnitFixtures.SaveAsync(_units, UnitFixtures.Unit(Unit));
        await _cases.CreateAsync(NewCase(_main, reporter: "citizen-main"), CancellationToken.None);
        await _cases.CreateAsync(
            NewCase(_merging, reporter: "citizen-2") with { Links = [new CaseLink("hotline12345-work-order", "dev-hotline12345/WO-77")], Source = CaseSource.Hotline12345 },
            CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_merged_case_ends_as_merged_and_the_main_case_records_it_with_what_its_close_needs()
    {
        await using var durable = new RecordingDurableClient();

        var outcome = await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}","remarks":"同一井盖"}"""), durable, CancellationToken.None);

        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Merged), outcome);
        var merged = (await _cases.FindAsync(_merging, CancellationToken.None))!;
        Assert.Equal((CaseState.Merged, _main, null), (merged.Facts.State, merged.Facts.MergedInto, merged.Facts.Clock));
        Assert.True(merged.Facts.IsFinished);
        Assert.Equal(("merge", $"merged into {_main}: 同一井盖"), (merged.Timeline[^1].Action, merged.Timeline[^1].Reason));
        Assert.Equal(new CaseStateChanged(CaseState.Merged), Assert.Single(durable.Events).Payload);

        var main = (await _cases.FindAsync(_main, CancellationToken.None))!;
        Assert.Equal(CaseState.Reported, main.Facts.State);
        Assert.Equal(new MergedCase(_merging, CaseSource.Hotline12345, TestJwt.Issuer, "citizen-2", "WO-77"), Assert.Single(main.MergedCases!));
        var entry = main.Timeline[^1];
        Assert.Equal((MergeCase.MainAction, CaseState.Reported, CaseState.Reported, "op-1", Roles.Operator), (entry.Action, entry.FromState, entry.ToState, entry.Actor, entry.Role));
        Assert.Equal($"{_merging} merged into this case: 同一井盖", entry.Reason);
    }

    [Fact]
    public async Task A_retry_with_the_key_replays_and_the_main_case_records_the_merged_case_once()
    {
        await using var durable = new RecordingDurableClient();
        var commands = Commands();
        var request = Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}""") with { IdempotencyKey = "merge-1" };

        var first = await commands.ApplyAsync(request, durable, CancellationToken.None);
        var again = await commands.ApplyAsync(request, durable, CancellationToken.None);

        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Merged), first);
        Assert.Equal(first, again);
        var main = (await _cases.FindAsync(_main, CancellationToken.None))!;
        Assert.Single(main.MergedCases!);
        Assert.Single(main.Timeline, t => t.Action == MergeCase.MainAction);
        Assert.Equal(2, (await _cases.FindAsync(_merging, CancellationToken.None))!.Timeline.Count);
    }

    [Fact]
    public async Task A_merge_interrupted_after_its_first_step_is_completed_by_a_retry_without_a_key_which_answers_409()
    {
        // The first step as an interrupted attempt left it: the case merged, the main case not yet told.
        var first = await ActionDecisions.PrepareAsync(new MergeCase(Clocks, _cases, _clock), Operator, $$"""{"intoCaseId":"{{_main}}"}""", Morning, _merging);
        Assert.Equal(TransitionOutcome.Applied, (await _cases.TransitionAsync(_merging, first, null, CancellationToken.None)).Outcome);
        Assert.Empty((await _cases.FindAsync(_main, CancellationToken.None))!.MergedCases!);
        await using var durable = new RecordingDurableClient();

        var retry = await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}"""), durable, CancellationToken.None);

        var refused = await ProblemOf(retry);
        Assert.Equal(StatusCodes.Status409Conflict, refused.Status);
        Assert.Contains($"merged into {_main} already", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(_merging, Assert.Single((await _cases.FindAsync(_main, CancellationToken.None))!.MergedCases!).CaseId);
    }

    [Theory]
    [InlineData("{}", "intoCaseId")]
    [InlineData("""{"intoCaseId":""}""", "intoCaseId")]
    [InlineData("""{"intoCaseId":"a/b"}""", "intoCaseId")]
    [InlineData("""{"intoCaseId":"NO-SUCH-CASE"}""", "intoCaseId")]
    public async Task A_missing_or_unknown_main_case_is_400_naming_intoCaseId_and_nothing_changes(string body, string field)
    {
        await using var durable = new RecordingDurableClient();

        var problem = await ProblemOf(await Commands().ApplyAsync(Merge(_merging, body), durable, CancellationToken.None));

        Assert.Equal((StatusCodes.Status400BadRequest, field), (problem.Status, Assert.Single(problem.ErrorFields)));
        await AssertUnchangedAsync(durable);
    }

    [Fact]
    public async Task Merging_a_case_into_itself_is_400_naming_intoCaseId()
    {
        await using var durable = new RecordingDurableClient();

        var problem = await ProblemOf(await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_merging}}"}"""), durable, CancellationToken.None));

        Assert.Equal((StatusCodes.Status400BadRequest, "intoCaseId"), (problem.Status, Assert.Single(problem.ErrorFields)));
        await AssertUnchangedAsync(durable);
    }

    [Fact]
    public async Task Remarks_longer_than_an_action_takes_are_400_naming_remarks()
    {
        await using var durable = new RecordingDurableClient();
        var remarks = new string('x', CaseAction<MergeCaseRequest>.MaxTextLength + 1);

        var problem = await ProblemOf(await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}","remarks":"{{remarks}}"}"""), durable, CancellationToken.None));

        Assert.Equal((StatusCodes.Status400BadRequest, "remarks"), (problem.Status, Assert.Single(problem.ErrorFields)));
    }

    [Fact]
    public async Task A_closed_main_case_is_409_naming_intoCaseId()
    {
        await new CaseSteps(_cases, _units).CloseAsync(_main, Unit, Morning);
        await using var durable = new RecordingDurableClient();

        var problem = await ProblemOf(await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}"""), durable, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
        Assert.StartsWith("intoCaseId:", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("closed", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(CaseState.Reported, (await _cases.FindAsync(_merging, CancellationToken.None))!.Facts.State);
        Assert.Empty((await _cases.FindAsync(_main, CancellationToken.None))!.MergedCases!);
        Assert.Empty(durable.Events);
    }

    [Fact]
    public async Task A_main_case_merged_itself_is_409_naming_the_case_to_merge_into_instead()
    {
        var third = AzuriteFixture.NewCaseId();
        await _cases.CreateAsync(NewCase(third), CancellationToken.None);
        await using var durable = new RecordingDurableClient();
        var commands = Commands();
        Assert.IsType<CaseCommandOutcome.Applied>(await commands.ApplyAsync(Merge(_main, $$"""{"intoCaseId":"{{third}}"}"""), durable, CancellationToken.None));

        var problem = await ProblemOf(await commands.ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}"""), durable, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
        Assert.Equal($"intoCaseId: Case {_main} is merged into {third}; merge into {third}.", problem.Detail);
        Assert.Equal(CaseState.Reported, (await _cases.FindAsync(_merging, CancellationToken.None))!.Facts.State);
    }

    [Fact]
    public async Task A_case_that_has_cases_merged_into_it_is_not_merged_itself()
    {
        var third = AzuriteFixture.NewCaseId();
        await _cases.CreateAsync(NewCase(third), CancellationToken.None);
        await using var durable = new RecordingDurableClient();
        var commands = Commands();
        Assert.IsType<CaseCommandOutcome.Applied>(await commands.ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}"""), durable, CancellationToken.None));

        var problem = await ProblemOf(await commands.ApplyAsync(Merge(_main, $$"""{"intoCaseId":"{{third}}"}"""), durable, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
        Assert.Contains("can only be a main case", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_is_no_longer_open_is_409()
    {
        await new CaseSteps(_cases, _units).CloseAsync(_merging, Unit, Morning);
        await using var durable = new RecordingDurableClient();

        var problem = await ProblemOf(await Commands().ApplyAsync(Merge(_merging, $$"""{"intoCaseId":"{{_main}}"}"""), durable, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
        Assert.Contains("only an open case can be merged", problem.Detail, StringComparison.Ordinal);
        Assert.Empty((await _cases.FindAsync(_main, CancellationToken.None))!.MergedCases!);
    }

    [Fact]
    public async Task Only_operators_and_shift_leads_merge()
    {
        await using var durable = new RecordingDurableClient();

        var problem = await ProblemOf(await Commands().ApplyAsync(
            new CaseCommand(_merging, CaseActionNames.Merge, Encoding.UTF8.GetBytes($$"""{"intoCaseId":"{{_main}}"}"""), Dispatcher), durable, CancellationToken.None));
        var lead = await Commands().ApplyAsync(
            new CaseCommand(_merging, CaseActionNames.Merge, Encoding.UTF8.GetBytes($$"""{"intoCaseId":"{{_main}}"}"""), ShiftLead), durable, CancellationToken.None);

        Assert.Equal(StatusCodes.Status403Forbidden, problem.Status);
        Assert.Equal(new CaseCommandOutcome.Applied(CaseState.Merged), lead);
    }

    private async Task AssertUnchangedAsync(RecordingDurableClient durable)
    {
        Assert.Equal(CaseState.Reported, (await _cases.FindAsync(_merging, CancellationToken.None))!.Facts.State);
        var main = (await _cases.FindAsync(_main, CancellationToken.None))!;
        Assert.Empty(main.MergedCases!);
        Assert.Single(main.Timeline);
        Assert.Empty(durable.Events);
    }

    private static async Task<ExecutedResult> ProblemOf(CaseCommandOutcome outcome)
    {
        var refused = Assert.IsType<CaseCommandOutcome.Refused>(outcome);
        var executed = await ResultRunner.ExecuteAsync(refused.Problem);
        Assert.Equal(ResultRunner.ProblemJson, executed.ContentType);
        return executed;
    }

    private CaseCommands Commands() => new(AllActions(_units, _cases), _cases, CaseFixtures.Claims(azurite.Tables, _cases, _clock), _clock);

    private static CaseCommand Merge(string caseId, string body) => new(caseId, CaseActionNames.Merge, Encoding.UTF8.GetBytes(body), Operator);
}
