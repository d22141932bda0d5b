using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Tests.Storage;

[Collection(AzuriteDefinition.Name)]
public sealed class CaseStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReportedAt = new DateTimeOffset(2026, 11, 26, 8, 15, 30, TimeSpan.FromHours(8)).AddTicks(1_234_567);
    private static readonly IReadOnlySet<CaseState> FromReported = new HashSet<CaseState> { CaseState.Reported };

    private readonly CaseStore _store = new(azurite.Tables);
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    [Fact]
    public async Task A_created_case_is_found_with_every_field_and_its_first_timeline_entry()
    {
        var created = await _store.CreateAsync(NewCase(), CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.True(created);
        Assert.NotNull(found);
        Assert.Equal(_caseId, found.CaseId);
        Assert.Equal(CaseState.Reported, found.State);
        Assert.Equal(CaseSource.Inspector, found.Source);
        Assert.Equal("占道经营，新浦区海连中路", found.Description);
        Assert.Equal("01010", found.CategoryCode);
        Assert.Null(found.Urgency);
        Assert.Equal(new GeoLocation(34.6012345678, 119.1787654321, CoordinateSystem.Gcj02), found.Location);
        Assert.Equal("海连中路 66 号", found.Address);
        Assert.Equal(["photo-1", "photo_2"], found.AttachmentIds);
        Assert.Equal("insp-9", found.ReporterSubject);
        Assert.Equal(ReportedAt, found.ReportedAt);
        Assert.Equal(ReportedAt, found.UpdatedAt);
        Assert.Empty(found.Slips);
        var first = Assert.Single(found.Timeline);
        Assert.Equal(new TimelineEntry(1, "report", null, CaseState.Reported, "insp-9", Roles.Inspector, ReportedAt, null), first);
    }

    [Fact]
    public async Task Optional_fields_left_empty_stay_empty()
    {
        var citizenCase = NewCase() with { Source = CaseSource.Citizen, CategoryCode = null, Address = null, AttachmentIds = [], ReporterRole = Roles.Citizen };

        await _store.CreateAsync(citizenCase, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(CaseSource.Citizen, found.Source);
        Assert.Null(found.CategoryCode);
        Assert.Null(found.Address);
        Assert.Empty(found.AttachmentIds);
        Assert.Equal(Roles.Citizen, Assert.Single(found.Timeline).Role);
    }

    [Fact]
    public async Task Creating_a_case_twice_returns_false_and_keeps_the_first_version_and_one_timeline_entry()
    {
        Assert.True(await _store.CreateAsync(NewCase(), CancellationToken.None));

        var again = await _store.CreateAsync(NewCase() with { Description = "a retried intake" }, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.False(again);
        Assert.Equal("占道经营，新浦区海连中路", found!.Description);
        Assert.Single(found.Timeline);
    }

    [Fact]
    public async Task An_unknown_case_is_not_found()
    {
        Assert.Null(await _store.FindAsync(_caseId, CancellationToken.None));
        Assert.Null(await _store.GetStateAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task A_transition_updates_the_case_and_adds_timeline_entry_2()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var at = ReportedAt.AddMinutes(12);

        var result = await _store.TransitionAsync(_caseId, Register("op-1", at) with { CategoryCode = "01011", Urgency = Urgency.Urgent }, null, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.Applied, CaseState.Registered), result);
        Assert.NotNull(found);
        Assert.Equal(CaseState.Registered, found.State);
        Assert.Equal("01011", found.CategoryCode);
        Assert.Equal(Urgency.Urgent, found.Urgency);
        Assert.Equal(at, found.UpdatedAt);
        Assert.Equal(ReportedAt, found.ReportedAt);
        Assert.Equal([1, 2], found.Timeline.Select(t => t.Sequence));
        Assert.Equal(
            new TimelineEntry(2, CaseActionNames.Register, CaseState.Reported, CaseState.Registered, "op-1", Roles.Operator, at, "属实"),
            found.Timeline[1]);
        Assert.Equal(CaseState.Registered, await _store.GetStateAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task A_transition_without_category_or_urgency_keeps_the_stored_ones()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);

        await _store.TransitionAsync(_caseId, Void("lead-1", ReportedAt.AddMinutes(1)), null, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(CaseState.Voided, found!.State);
        Assert.Equal("01010", found.CategoryCode);
        Assert.Null(found.Urgency);
        Assert.Equal("重复上报", found.Timeline[1].Reason);
        Assert.Equal(Roles.ShiftLead, found.Timeline[1].Role);
    }

    [Fact]
    public async Task A_transition_from_a_disallowed_state_is_a_conflict_and_writes_nothing()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var voidedAt = ReportedAt.AddMinutes(1);
        await _store.TransitionAsync(_caseId, Void("lead-1", voidedAt), null, CancellationToken.None);
        var before = await _store.FindAsync(_caseId, CancellationToken.None);

        var result = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(2)) with { CategoryCode = "09999", Urgency = Urgency.Urgent }, null, CancellationToken.None);
        var after = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Voided), result);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(CaseState.Voided, after.State);
        Assert.Equal("01010", after.CategoryCode);
        Assert.Null(after.Urgency);
        Assert.Equal(voidedAt, after.UpdatedAt);
        Assert.Equal(before.Timeline, after.Timeline);
        Assert.Equal(2, after.Timeline.Count);
    }

    [Fact]
    public async Task A_transition_of_an_unknown_case_is_not_found()
    {
        var result = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt), Key("k", "r"), CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.NotFound, null), result);
        Assert.Null(await _store.FindAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task Of_ten_racing_registrations_exactly_one_is_applied()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(1, 10).Select(async i =>
        {
            await start.WaitAsync();
            return (Actor: $"op-{i}", Result: await _store.TransitionAsync(_caseId, Register($"op-{i}", ReportedAt.AddSeconds(i)), null, CancellationToken.None));
        }).ToList();
        start.Release(attempts.Count);

        var results = await Task.WhenAll(attempts);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        var winner = Assert.Single(results, r => r.Result.Outcome == TransitionOutcome.Applied);
        Assert.All(
            results.Where(r => r.Result.Outcome != TransitionOutcome.Applied),
            r => Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Registered), r.Result));
        Assert.NotNull(found);
        Assert.Equal(CaseState.Registered, found.State);
        Assert.Equal(2, found.Timeline.Count);
        Assert.Equal(winner.Actor, found.Timeline[1].Actor);
    }

    [Fact]
    public async Task Racing_register_and_void_leave_exactly_one_outcome_on_the_case()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);

        var results = await Task.WhenAll(
            _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddSeconds(1)), null, CancellationToken.None),
            _store.TransitionAsync(_caseId, Void("lead-1", ReportedAt.AddSeconds(1)), null, CancellationToken.None));
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        var applied = Assert.Single(results, r => r.Outcome == TransitionOutcome.Applied);
        var refused = Assert.Single(results, r => r.Outcome == TransitionOutcome.StateConflict);
        Assert.Equal(applied.State, found!.State);
        Assert.Equal(applied.State, refused.State);
        Assert.Equal(2, found.Timeline.Count);
        Assert.Equal(applied.State, found.Timeline[1].ToState);
    }

    [Fact]
    public async Task The_same_request_with_the_same_key_is_replayed_without_a_new_timeline_entry()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var key = Key("retry-1", "register 01010 normal");

        var first = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), key, CancellationToken.None);
        var retry = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(2)), key, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.Applied, CaseState.Registered), first);
        Assert.Equal(new TransitionResult(TransitionOutcome.Replayed, CaseState.Registered), retry);
        Assert.Equal(2, found!.Timeline.Count);
        Assert.Equal(ReportedAt.AddMinutes(1), found.UpdatedAt);
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_refused()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), Key("retry-1", "register 01010 normal"), CancellationToken.None);

        var reused = await _store.TransitionAsync(_caseId, Void("op-1", ReportedAt.AddMinutes(2)), Key("retry-1", "void duplicate"), CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.KeyReusedForDifferentRequest, null), reused);
        Assert.Equal(CaseState.Registered, found!.State);
        Assert.Equal(2, found.Timeline.Count);
    }

    [Fact]
    public async Task A_new_key_after_an_applied_transition_is_judged_on_the_state()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), Key("retry-1", "same"), CancellationToken.None);

        var other = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(2)), Key("retry-2", "same"), CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Registered), other);
    }

    [Fact]
    public async Task Racing_retries_with_one_key_apply_once()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var key = Key("retry-1", "register 01010 normal");

        var results = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddSeconds(i)), key, CancellationToken.None)));
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Single(results, r => r.Outcome == TransitionOutcome.Applied);
        Assert.Equal(4, results.Count(r => r.Outcome == TransitionOutcome.Replayed));
        Assert.Equal(CaseState.Registered, found!.State);
        Assert.Equal(2, found.Timeline.Count);
    }

    [Fact]
    public async Task Issuing_the_same_slip_twice_leaves_one_slip()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var slip = new IssueSlipCommand(_caseId, CaseWorkflowNames.RegistrationStage, 1, SlipKind.Reminder, ReportedAt.AddMinutes(30), ReportedAt.AddMinutes(60), CaseWorkflowNames.CenterDesk);

        await _store.IssueSlipAsync(slip, CancellationToken.None);
        await _store.IssueSlipAsync(slip, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        var stored = Assert.Single(found!.Slips);
        Assert.Equal(
            new SlipView(slip.SlipId, 1, SlipKind.Reminder, CaseWorkflowNames.RegistrationStage, slip.IssuedAt, slip.Deadline, CaseWorkflowNames.CenterDesk),
            stored);
        Assert.Single(found.Timeline);
        Assert.Equal(CaseState.Reported, found.State);
    }

    [Fact]
    public async Task Slips_are_listed_in_the_order_they_were_issued()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var stage = CaseWorkflowNames.RegistrationStage;
        var second = new IssueSlipCommand(_caseId, stage, 2, SlipKind.Urging, ReportedAt.AddMinutes(60), ReportedAt.AddMinutes(90), CaseWorkflowNames.CenterDesk);
        var first = second with { Number = 1, Kind = SlipKind.Reminder, IssuedAt = ReportedAt.AddMinutes(30) };

        await _store.IssueSlipAsync(second, CancellationToken.None);
        await _store.IssueSlipAsync(first, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal([first.SlipId, second.SlipId], found!.Slips.Select(s => s.SlipId));
        Assert.Equal([1, 2], found.Slips.Select(s => s.Number));
    }

    [Fact]
    public async Task The_state_is_read_alone()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        Assert.Equal(CaseState.Reported, await _store.GetStateAsync(_caseId, CancellationToken.None));

        await _store.TransitionAsync(_caseId, Void("lead-1", ReportedAt.AddMinutes(1)), null, CancellationToken.None);

        Assert.Equal(CaseState.Voided, await _store.GetStateAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task Cases_do_not_see_each_others_rows()
    {
        var neighbour = _caseId + "-2";
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.CreateAsync(NewCase() with { CaseId = neighbour }, CancellationToken.None);
        await _store.TransitionAsync(neighbour, Register("op-1", ReportedAt.AddMinutes(1)), null, CancellationToken.None);
        await _store.IssueSlipAsync(new IssueSlipCommand(neighbour, "registration", 1, SlipKind.Reminder, ReportedAt, ReportedAt, "desk"), CancellationToken.None);

        var mine = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(CaseState.Reported, mine!.State);
        Assert.Single(mine.Timeline);
        Assert.Empty(mine.Slips);
    }

    private NewCase NewCase() => new(
        _caseId,
        CaseSource.Inspector,
        "占道经营，新浦区海连中路",
        "01010",
        34.6012345678,
        119.1787654321,
        CoordinateSystem.Gcj02,
        "海连中路 66 号",
        ["photo-1", "photo_2"],
        "insp-9",
        Roles.Inspector,
        ReportedAt);

    private static CaseTransition Register(string actor, DateTimeOffset at) =>
        new(CaseActionNames.Register, FromReported, CaseState.Registered, actor, Roles.Operator, at, "属实", "01010", Urgency.Normal);

    private static CaseTransition Void(string actor, DateTimeOffset at) =>
        new(CaseActionNames.Void, FromReported, CaseState.Voided, actor, Roles.ShiftLead, at, "重复上报");

    private static RequestKey Key(string key, string request) =>
        RequestKey.Create("action\ntest", key, new VoidCaseRequest(request), LygJsonContext.Default.VoidCaseRequest);
}
