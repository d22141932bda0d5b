using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Geo;
using Lyg.Orchestrations.Time;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Storage;

[Collection(AzuriteDefinition.Name)]
public sealed class CaseStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReportedAt = new DateTimeOffset(2026, 11, 26, 8, 15, 30, TimeSpan.FromHours(8)).AddTicks(1_234_567);
    private static readonly GeoPoint Reported = new(34.6012345678, 119.1787654321);
    private static readonly GeoPoint Converted = CoordinateConversion.Gcj02ToWgs84(Reported);
    private static readonly UnitGrid Grid = City.Grids[0];

    private readonly CaseStore _store = new(azurite.Tables);
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    [Fact]
    public async Task A_created_case_is_found_with_every_field_its_registration_clock_and_its_first_timeline_entry()
    {
        var created = await _store.CreateAsync(NewCase(), CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.True(created);
        Assert.NotNull(found);
        Assert.Equal(_caseId, found.CaseId);
        Assert.Equal(
            new CaseFacts(CaseState.Reported, "insp-9", "01010", null, null, 0, null, false, null, RegistrationClock, null),
            found.Facts);
        Assert.Equal(CaseSource.Inspector, found.Source);
        Assert.Equal("占道经营，新浦区海连中路", found.Description);
        Assert.Equal(new GeoLocation(Converted.Lat, Converted.Lon, CoordinateSystem.Wgs84), found.Location);
        Assert.Equal(new GeoLocation(34.6012345678, 119.1787654321, CoordinateSystem.Gcj02), found.ReportedLocation);
        Assert.Equal(
            new CasePlace(
                Grid.Code,
                new PlaceView(Grid.Community.Code, Grid.Community.Name),
                new PlaceView(Grid.Street.Code, Grid.Street.Name),
                new PlaceView(Grid.District.Code, Grid.District.Name)),
            found.Place);
        Assert.Equal("海连中路 66 号", found.Address);
        Assert.Equal(["photo-1", "photo_2"], found.AttachmentIds);
        Assert.Equal(ReportedAt, found.ReportedAt);
        Assert.Equal(ReportedAt, found.UpdatedAt);
        Assert.Empty(found.Slips);
        var first = Assert.Single(found.Timeline);
        Assert.Equal(new TimelineEntry(1, "report", null, CaseState.Reported, "insp-9", Roles.Inspector, ReportedAt, null, null), first);
    }

    [Fact]
    public async Task The_registration_clock_is_read_back_with_its_stage_sequence_limit_and_deadline()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);

        var read = await _store.ReadClockAsync(_caseId, CancellationToken.None);

        Assert.NotNull(read);
        var clock = read.Value.Facts.Clock;
        Assert.NotNull(clock);
        Assert.Equal(CaseStage.Register, clock.Stage);
        Assert.Equal(1, clock.Sequence);
        Assert.Equal(ReportedAt, clock.StartedAt);
        Assert.Equal(new TimeLimit(ClockKind.WorkingHours, 0.5), clock.Limit);
        Assert.Equal(RegistrationClock.Deadline, clock.Deadline);
        Assert.Null(clock.PausedAt);
        Assert.Empty(read.Value.IssuedSlipIds);
    }

    [Fact]
    public async Task Optional_fields_left_empty_stay_empty()
    {
        var citizenCase = NewCase() with { Source = CaseSource.Citizen, CategoryCode = null, Address = null, AttachmentIds = [], ReporterRole = Roles.Citizen };

        await _store.CreateAsync(citizenCase, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(CaseSource.Citizen, found.Source);
        Assert.Null(found.Facts.CategoryCode);
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
        Assert.Null(await _store.ReadClockAsync(_caseId, CancellationToken.None));
    }

    [Fact]
    public async Task An_allowed_transition_stores_the_decided_facts_and_timeline_entry_2_together()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var at = ReportedAt.AddMinutes(12);
        var decided = (CaseFacts?)null;

        var result = await _store.TransitionAsync(_caseId, Transition("check", "insp-2", Roles.Inspector, at, facts =>
        {
            decided = facts with { State = CaseState.Registered, CategoryCode = "01011", Urgency = Urgency.Urgent };
            return CaseDecision.Allow(decided);
        }, reason: "属实", attachments: ["photo-9", "photo-10"]), null, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.Applied, CaseState.Registered), result);
        Assert.NotNull(found);
        Assert.Equal(decided, found.Facts);
        Assert.Equal(at, found.UpdatedAt);
        Assert.Equal(ReportedAt, found.ReportedAt);
        Assert.Equal([1, 2], found.Timeline.Select(t => t.Sequence));
        var entry = found.Timeline[1];
        Assert.Equal("check", entry.Action);
        Assert.Equal(CaseState.Reported, entry.FromState);
        Assert.Equal(CaseState.Registered, entry.ToState);
        Assert.Equal("insp-2", entry.Actor);
        Assert.Equal(Roles.Inspector, entry.Role);
        Assert.Equal(at, entry.At);
        Assert.Equal("属实", entry.Reason);
        Assert.Equal(["photo-9", "photo-10"], entry.AttachmentIds);
        Assert.Equal(decided, (await _store.ReadClockAsync(_caseId, CancellationToken.None))!.Value.Facts);
    }

    [Fact]
    public async Task Every_fact_a_decision_sets_is_stored_and_read_back()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var handle = new StageClock(CaseStage.Handle, 7, ReportedAt.AddHours(1), new TimeLimit(ClockKind.WorkingDays, 2.5), ReportedAt.AddDays(3), ReportedAt.AddHours(2));
        var everything = new CaseFacts(
            CaseState.Suspended, "insp-9", "01011", Urgency.Urgent, "DEPT-CGJ", 2, new PendingPostponement(4, ReportedAt.AddMinutes(90)),
            true, CaseState.Accepted, handle, Satisfaction.BasicallySatisfied);

        await _store.TransitionAsync(_caseId, Transition("set", "op-1", Roles.Operator, ReportedAt.AddHours(3), _ => CaseDecision.Allow(everything)), null, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(everything, found!.Facts);
        Assert.Null(found.Timeline[1].Reason);
        Assert.Null(found.Timeline[1].AttachmentIds);
    }

    [Fact]
    public async Task A_stopped_clock_and_cleared_facts_are_read_back_as_absent()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.TransitionAsync(_caseId, Transition("set", "op-1", Roles.Operator, ReportedAt.AddHours(1), facts => CaseDecision.Allow(facts with
        {
            AssignedUnit = "DEPT-CGJ",
            Postponement = new PendingPostponement(2, ReportedAt),
            SuspendedFrom = CaseState.Accepted,
        })), null, CancellationToken.None);

        await _store.TransitionAsync(_caseId, Transition("void", "lead-1", Roles.ShiftLead, ReportedAt.AddHours(2), facts => CaseDecision.Allow(facts with
        {
            State = CaseState.Voided,
            AssignedUnit = null,
            Postponement = null,
            SuspendedFrom = null,
            Clock = null,
        })), null, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new CaseFacts(CaseState.Voided, "insp-9", "01010", null, null, 0, null, false, null, null, null, StageSequence: 1), found!.Facts);
        Assert.Equal(3, found.Timeline.Count);
    }

    [Fact]
    public async Task A_conflicting_decision_writes_nothing_and_answers_its_detail_with_the_current_state()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var voidedAt = ReportedAt.AddMinutes(1);
        await _store.TransitionAsync(_caseId, Void("lead-1", voidedAt), null, CancellationToken.None);
        var before = await _store.FindAsync(_caseId, CancellationToken.None);

        var result = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(2)), Key("k-1", "register"), CancellationToken.None);
        var after = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Voided, "The case is Voided."), result);
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(before.Facts, after.Facts);
        Assert.Equal(voidedAt, after.UpdatedAt);
        Assert.Equal(before.Timeline, after.Timeline);
        Assert.Equal(2, after.Timeline.Count);
    }

    [Fact]
    public async Task A_not_yours_decision_writes_nothing_and_answers_not_permitted()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var before = await _store.FindAsync(_caseId, CancellationToken.None);

        var result = await _store.TransitionAsync(
            _caseId,
            Transition("accept", "unit-staff-2", Roles.Unit, ReportedAt.AddMinutes(5), _ => CaseDecision.NotYours("The case is not dispatched to unit DEPT-X.")),
            null,
            CancellationToken.None);
        var after = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.NotPermitted, CaseState.Reported, "The case is not dispatched to unit DEPT-X."), result);
        Assert.Equal(before!.Facts, after!.Facts);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Single(after.Timeline);
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_unused()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var key = Key("k-1", "register");
        var refused = await _store.TransitionAsync(
            _caseId, Transition("register", "op-1", Roles.Operator, ReportedAt, _ => CaseDecision.Conflict("Not yet.")), key, CancellationToken.None);

        var again = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), key, CancellationToken.None);

        Assert.Equal(TransitionOutcome.StateConflict, refused.Outcome);
        Assert.Equal(new TransitionResult(TransitionOutcome.Applied, CaseState.Registered), again);
    }

    [Fact]
    public async Task A_transition_of_an_unknown_case_is_not_found_without_deciding()
    {
        var decided = false;

        var result = await _store.TransitionAsync(
            _caseId, Transition("register", "op-1", Roles.Operator, ReportedAt, facts => { decided = true; return CaseDecision.Allow(facts); }), Key("k", "r"), CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.NotFound, null), result);
        Assert.False(decided);
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
            r => Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Registered, "The case is Registered."), r.Result));
        Assert.NotNull(found);
        Assert.Equal(CaseState.Registered, found.Facts.State);
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
        Assert.Equal(applied.State, found!.Facts.State);
        Assert.Equal(applied.State, refused.State);
        Assert.Equal(2, found.Timeline.Count);
        Assert.Equal(applied.State, found.Timeline[1].ToState);
    }

    [Fact]
    public async Task The_same_request_with_the_same_key_is_replayed_without_deciding_or_a_new_timeline_entry()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var key = Key("retry-1", "register 01010 normal");
        var decisions = 0;
        var counted = Register("op-1", ReportedAt.AddMinutes(2)) with { Decide = facts => { decisions++; return CaseDecision.Allow(facts); } };

        var first = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), key, CancellationToken.None);
        var retry = await _store.TransitionAsync(_caseId, counted, key, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.Applied, CaseState.Registered), first);
        Assert.Equal(new TransitionResult(TransitionOutcome.Replayed, CaseState.Registered), retry);
        Assert.Equal(0, decisions);
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
        Assert.Equal(CaseState.Registered, found!.Facts.State);
        Assert.Equal(2, found.Timeline.Count);
    }

    [Fact]
    public async Task A_new_key_after_an_applied_transition_is_judged_on_the_state()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(1)), Key("retry-1", "same"), CancellationToken.None);

        var other = await _store.TransitionAsync(_caseId, Register("op-1", ReportedAt.AddMinutes(2)), Key("retry-2", "same"), CancellationToken.None);

        Assert.Equal(new TransitionResult(TransitionOutcome.StateConflict, CaseState.Registered, "The case is Registered."), other);
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
        Assert.All(results, r => Assert.Equal(CaseState.Registered, r.State));
        Assert.Equal(CaseState.Registered, found!.Facts.State);
        Assert.Equal(2, found.Timeline.Count);
    }

    [Fact]
    public async Task Issuing_the_same_slip_twice_leaves_one_slip_and_changes_nothing_else()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var slip = Slip(1, SlipKind.Reminder, ReportedAt.AddMinutes(18));

        await _store.IssueSlipAsync(slip, CancellationToken.None);
        await _store.IssueSlipAsync(slip with { IssuedAt = ReportedAt.AddMinutes(19) }, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        var stored = Assert.Single(found!.Slips);
        Assert.Equal(
            new SlipView(slip.SlipId, _caseId, 1, SlipKind.Reminder, "register", slip.IssuedAt, slip.Deadline, CaseWorkflowNames.CenterDesk, null, null),
            stored);
        Assert.Single(found.Timeline);
        Assert.Equal(CaseState.Reported, found.Facts.State);
        Assert.Equal(new HashSet<string> { slip.SlipId }, (await _store.ReadClockAsync(_caseId, CancellationToken.None))!.Value.IssuedSlipIds);
    }

    [Fact]
    public async Task An_acknowledgement_survives_a_replayed_issue_of_the_slip()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var slip = Slip(2, SlipKind.Urging, ReportedAt.AddMinutes(30)) with { AddressedTo = "DEPT-CGJ" };
        await _store.IssueSlipAsync(slip, CancellationToken.None);
        var seenAt = ReportedAt.AddMinutes(40);
        await _store.AcknowledgeSlipAsync(_caseId, slip.SlipId, "DEPT-CGJ", "unit-staff-1", seenAt, CancellationToken.None);

        await _store.IssueSlipAsync(slip, CancellationToken.None);
        var stored = Assert.Single((await _store.FindAsync(_caseId, CancellationToken.None))!.Slips);

        Assert.Equal(seenAt, stored.AcknowledgedAt);
        Assert.Equal("unit-staff-1", stored.AcknowledgedBy);
    }

    [Fact]
    public async Task Slips_are_listed_in_the_order_they_were_issued()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var second = Slip(2, SlipKind.Urging, ReportedAt.AddMinutes(60));
        var first = Slip(1, SlipKind.Reminder, ReportedAt.AddMinutes(30));

        await _store.IssueSlipAsync(second, CancellationToken.None);
        await _store.IssueSlipAsync(first, CancellationToken.None);
        var found = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal([first.SlipId, second.SlipId], found!.Slips.Select(s => s.SlipId));
        Assert.Equal([1, 2], found.Slips.Select(s => s.Number));
    }

    [Fact]
    public async Task The_addressed_unit_acknowledges_a_slip_once_and_the_first_acknowledgement_is_kept()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var slip = Slip(2, SlipKind.Urging, ReportedAt.AddMinutes(30)) with { AddressedTo = "DEPT-CGJ" };
        await _store.IssueSlipAsync(slip, CancellationToken.None);

        var first = await _store.AcknowledgeSlipAsync(_caseId, slip.SlipId, "DEPT-CGJ", "unit-staff-1", ReportedAt.AddMinutes(31), CancellationToken.None);
        var again = await _store.AcknowledgeSlipAsync(_caseId, slip.SlipId, "DEPT-CGJ", "unit-staff-2", ReportedAt.AddMinutes(32), CancellationToken.None);
        var stored = Assert.Single((await _store.FindAsync(_caseId, CancellationToken.None))!.Slips);

        Assert.Equal(TransitionOutcome.Applied, first);
        Assert.Equal(TransitionOutcome.Replayed, again);
        Assert.Equal(ReportedAt.AddMinutes(31), stored.AcknowledgedAt);
        Assert.Equal("unit-staff-1", stored.AcknowledgedBy);
    }

    [Fact]
    public async Task Another_unit_may_not_acknowledge_a_slip()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        var slip = Slip(2, SlipKind.Urging, ReportedAt.AddMinutes(30)) with { AddressedTo = "DEPT-CGJ" };
        await _store.IssueSlipAsync(slip, CancellationToken.None);

        var outcome = await _store.AcknowledgeSlipAsync(_caseId, slip.SlipId, "DEPT-OTHER", "unit-staff-9", ReportedAt.AddMinutes(31), CancellationToken.None);
        var stored = Assert.Single((await _store.FindAsync(_caseId, CancellationToken.None))!.Slips);

        Assert.Equal(TransitionOutcome.NotPermitted, outcome);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Null(stored.AcknowledgedBy);
    }

    [Fact]
    public async Task An_unknown_slip_cannot_be_acknowledged()
    {
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.IssueSlipAsync(Slip(1, SlipKind.Reminder, ReportedAt), CancellationToken.None);

        Assert.Equal(
            TransitionOutcome.NotFound,
            await _store.AcknowledgeSlipAsync(_caseId, _caseId + "-s01-09", "DEPT-CGJ", "unit-staff-1", ReportedAt, CancellationToken.None));
        Assert.Equal(
            TransitionOutcome.NotFound,
            await _store.AcknowledgeSlipAsync(AzuriteFixture.NewCaseId(), _caseId + "-s01-01", CaseWorkflowNames.CenterDesk, "op-1", ReportedAt, CancellationToken.None));
    }

    [Fact]
    public async Task Cases_do_not_see_each_others_rows()
    {
        var neighbour = _caseId + "-2";
        await _store.CreateAsync(NewCase(), CancellationToken.None);
        await _store.CreateAsync(NewCase() with { CaseId = neighbour }, CancellationToken.None);
        await _store.TransitionAsync(neighbour, Register("op-1", ReportedAt.AddMinutes(1)), null, CancellationToken.None);
        await _store.IssueSlipAsync(Slip(1, SlipKind.Reminder, ReportedAt) with { CaseId = neighbour, SlipId = neighbour + "-s01-01" }, CancellationToken.None);

        var mine = await _store.FindAsync(_caseId, CancellationToken.None);

        Assert.Equal(CaseState.Reported, mine!.Facts.State);
        Assert.Single(mine.Timeline);
        Assert.Empty(mine.Slips);
        Assert.Empty((await _store.ReadClockAsync(_caseId, CancellationToken.None))!.Value.IssuedSlipIds);
    }

    private static StageClock RegistrationClock => Clocks.Begin(CaseStage.Register, 1, "01010", Urgency.Normal, ReportedAt);

    private NewCase NewCase() => new(
        _caseId,
        CaseSource.Inspector,
        "占道经营，新浦区海连中路",
        "01010",
        Converted,
        Reported,
        CoordinateSystem.Gcj02,
        new GridLocation(Grid.Code, Grid.Community, Grid.Street, Grid.District),
        "海连中路 66 号",
        ["photo-1", "photo_2"],
        "insp-9",
        Roles.Inspector,
        ReportedAt,
        RegistrationClock);

    private IssueSlipCommand Slip(int number, SlipKind kind, DateTimeOffset issuedAt) =>
        new(_caseId, $"{_caseId}-s01-{number:D2}", number, kind, StageClocks.WireName(CaseStage.Register), issuedAt, RegistrationClock.Deadline, CaseWorkflowNames.CenterDesk);

    private static CaseTransition Transition(
        string action, string actor, string role, DateTimeOffset at, Func<CaseFacts, CaseDecision> decide, string? reason = null, IReadOnlyList<string>? attachments = null) =>
        new(action, actor, role, at, reason, attachments ?? [], decide);

    /// <summary>A registration as the store sees it: allowed only from reported, refused with the state otherwise.</summary>
    private static CaseTransition Register(string actor, DateTimeOffset at) =>
        Transition(CaseActionNames.Register, actor, Roles.Operator, at, facts => facts.State == CaseState.Reported
            ? CaseDecision.Allow(facts with { State = CaseState.Registered, CategoryCode = "01010", Urgency = Urgency.Normal })
            : CaseDecision.Conflict($"The case is {facts.State}."), "属实");

    private static CaseTransition Void(string actor, DateTimeOffset at) =>
        Transition(CaseActionNames.Void, actor, Roles.ShiftLead, at, facts => facts.State == CaseState.Reported
            ? CaseDecision.Allow(facts with { State = CaseState.Voided, Clock = null })
            : CaseDecision.Conflict($"The case is {facts.State}."), "重复上报");

    private static RequestKey Key(string key, string request) =>
        RequestKey.Create("action\ntest", key, new VoidCaseRequest(request), LygJsonContext.Default.VoidCaseRequest);
}
