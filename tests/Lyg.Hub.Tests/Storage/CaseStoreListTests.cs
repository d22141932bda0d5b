using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Storage;

/// <summary>
/// Lists across the shared case table. Every test owns a reporter subject and unit codes no other test uses, and
/// filters by them, so cases written by other tests never show up.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class CaseStoreListTests(AzuriteFixture azurite)
{
    private static readonly CaseFilter NoFilter = new(null, null, null, null, null, null, null, null, null, null);

    private readonly CaseStore _store = new(azurite.Tables);
    private readonly string _reporter = "lister-" + Guid.NewGuid().ToString("N");
    private readonly string _unit = "U-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    private readonly string _otherUnit = "U-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    [Fact]
    public async Task The_reporter_filter_lists_only_that_reporters_cases_with_their_facts()
    {
        var mine = await CreateAsync();
        var alsoMine = await CreateAsync(reportedAt: Morning.AddHours(1));
        await CreateAsync(reporter: _reporter + "-neighbour");

        var (items, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter) });

        Assert.Equal(new[] { mine, alsoMine }.Order(StringComparer.Ordinal), items.Select(i => i.CaseId).Order(StringComparer.Ordinal));
        var first = Assert.Single(items, i => i.CaseId == mine);
        Assert.Equal(CaseSource.Citizen, first.Source);
        Assert.Equal(Morning, first.ReportedAt);
        Assert.Equal(Morning, first.UpdatedAt);
        Assert.Equal((await _store.FindAsync(mine, CancellationToken.None))!.Facts, first.Facts);
    }

    [Fact]
    public async Task The_state_filter_lists_only_cases_in_that_state()
    {
        var registered = await CreateAsync();
        var voided = await CreateAsync();
        await CreateAsync();
        await SetAsync(registered, f => f with { State = CaseState.Registered });
        await SetAsync(voided, f => f with { State = CaseState.Voided, Clock = null });

        var (items, _) = await ListAsync(NoFilter with { State = CaseState.Registered, Reporter = new ReporterId(TestJwt.Issuer, _reporter) });
        var (reported, _) = await ListAsync(NoFilter with { State = CaseState.Reported, Reporter = new ReporterId(TestJwt.Issuer, _reporter) });

        Assert.Equal([registered], items.Select(i => i.CaseId));
        Assert.Equal(CaseState.Registered, items[0].Facts.State);
        Assert.Single(reported);
    }

    [Fact]
    public async Task The_unit_filter_lists_only_cases_dispatched_to_that_unit()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        var elsewhere = await CreateAsync();
        await CreateAsync();
        await SetAsync(first, f => f with { State = CaseState.Dispatched, AssignedUnit = _unit });
        await SetAsync(second, f => f with { State = CaseState.Accepted, AssignedUnit = _unit });
        await SetAsync(elsewhere, f => f with { State = CaseState.Dispatched, AssignedUnit = _otherUnit });

        var (items, _) = await ListAsync(NoFilter with { Unit = _unit });

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), items.Select(i => i.CaseId).Order(StringComparer.Ordinal));
        Assert.All(items, i => Assert.Equal(_unit, i.Facts.AssignedUnit));
    }

    [Fact]
    public async Task Category_source_and_report_time_filters_narrow_the_list()
    {
        var early = await CreateAsync(reportedAt: Morning, categoryCode: "0101");
        var late = await CreateAsync(reportedAt: Morning.AddDays(1), categoryCode: "0101");
        await CreateAsync(reportedAt: Morning, categoryCode: "0102");

        var (byCategory, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), Category = "0101" });
        var (bySource, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), Source = CaseSource.Inspector });
        var (fromMorning, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), Category = "0101", From = Morning.AddHours(1) });
        var (toMorning, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), Category = "0101", To = Morning.AddHours(1) });

        Assert.Equal(new[] { early, late }.Order(StringComparer.Ordinal), byCategory.Select(i => i.CaseId).Order(StringComparer.Ordinal));
        Assert.Empty(bySource);
        Assert.Equal([late], fromMorning.Select(i => i.CaseId));
        Assert.Equal([early], toMorning.Select(i => i.CaseId));
    }

    [Fact]
    public async Task A_time_range_reads_only_the_partitions_of_its_days()
    {
        var inRange = await CreateAsync(reportedAt: Morning);
        // An id of another day than its report time (never made by intake) shows which partitions were read.
        var elsewhere = CaseNumberAllocator.DayPrefix(Morning.AddDays(-3)) + "-T" + Guid.NewGuid().ToString("N");
        Assert.True(await _store.CreateAsync(NewCase(elsewhere, _reporter, Morning), CancellationToken.None));

        var (items, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), From = Morning.AddHours(-1), To = Morning.AddHours(1) });
        var (unbounded, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter) });

        Assert.Equal([inRange], items.Select(i => i.CaseId));
        Assert.Equal(new[] { inRange, elsewhere }.Order(StringComparer.Ordinal), unbounded.Select(i => i.CaseId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_time_range_at_the_ends_of_the_calendar_lists_every_case_instead_of_overflowing()
    {
        var mine = await CreateAsync(reportedAt: Morning);

        var (whole, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), From = DateTimeOffset.MinValue, To = DateTimeOffset.MaxValue });
        var (beforeTime, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), To = DateTimeOffset.MinValue });
        var (afterTime, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), From = DateTimeOffset.MaxValue });

        Assert.Equal([mine], whole.Select(i => i.CaseId));
        Assert.Empty(beforeTime);
        Assert.Empty(afterTime);
    }

    [Fact]
    public async Task The_overdue_filter_lists_running_clocks_past_their_deadline_only()
    {
        var now = Morning.AddHours(2);
        var overdue = await CreateAsync(deadline: now.AddMinutes(-1));
        await CreateAsync(deadline: now.AddMinutes(1));
        var paused = await CreateAsync(deadline: now.AddMinutes(-30));
        var closed = await CreateAsync(deadline: now.AddMinutes(-30));
        await SetAsync(paused, f => f with { State = CaseState.Suspended, SuspendedFrom = CaseState.Reported, Clock = f.Clock! with { PausedAt = now.AddMinutes(-40) } });
        await SetAsync(closed, f => f with { State = CaseState.Closed, Clock = null });

        var (items, _) = await ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), OverdueAt = now });

        Assert.Equal([overdue], items.Select(i => i.CaseId));
    }

    [Fact]
    public async Task Pages_are_chained_by_the_continuation_token_without_losing_or_repeating_a_case()
    {
        var created = await CreateManyAsync(5);

        var filter = NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter) };
        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (items, next) = await _store.ListAsync(filter, 2, token, CancellationToken.None);
            Assert.InRange(items.Count, 0, 2);
            listed.AddRange(items.Select(i => i.CaseId));
            token = next;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Null(token);
        Assert.InRange(pages, 3, 4);
        Assert.Equal(created.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Overdue_pages_are_full_while_more_match_though_most_cases_are_paused()
    {
        var now = Morning.AddHours(2);
        var running = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var caseId = await CreateAsync(deadline: now.AddMinutes(-5));
            if (i % 4 == 0)
            {
                running.Add(caseId);
            }
            else
            {
                await SetAsync(caseId, f => f with { State = CaseState.Suspended, SuspendedFrom = CaseState.Reported, Clock = f.Clock! with { PausedAt = now.AddMinutes(-10) } });
            }
        }

        var pages = await WalkAsync((limit, token) => _store.ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter), OverdueAt = now }, limit, token, CancellationToken.None), 3);

        AssertFullPages(pages, 3);
        Assert.Equal(running.Order(StringComparer.Ordinal), pages.SelectMany(p => p).Select(c => c.CaseId));
    }

    [Fact]
    public async Task Pages_are_full_when_the_service_answers_fewer_rows_than_asked()
    {
        var created = await CreateManyAsync(7);

        var store = new CaseStore(new RecordingTables(azurite.ConnectionString) { MaxRowsPerResponse = 1 });
        var pages = await WalkAsync((limit, token) => store.ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter) }, limit, token, CancellationToken.None), 3);

        AssertFullPages(pages, 3);
        Assert.Equal(created.Order(StringComparer.Ordinal), pages.SelectMany(p => p).Select(c => c.CaseId));
    }

    [Fact]
    public async Task Walking_pages_while_cases_are_added_lists_every_case_present_at_the_start_once()
    {
        var present = await CreateManyAsync(8);

        var store = new CaseStore(new RecordingTables(azurite.ConnectionString) { MaxRowsPerResponse = 2 });
        var added = new List<string>();
        var pages = await WalkAsync(
            async (limit, token) =>
            {
                var page = await store.ListAsync(NoFilter with { Reporter = new ReporterId(TestJwt.Issuer, _reporter) }, limit, token, CancellationToken.None);
                added.Add(await CreateAsync());
                added.Add(await CreateAsync());
                return page;
            },
            3);

        var listed = pages.SelectMany(p => p).Select(c => c.CaseId).ToList();
        Assert.Equal(listed.Distinct(), listed);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Subset(listed.ToHashSet(), present.ToHashSet());
        Assert.Subset(present.Concat(added).ToHashSet(), listed.ToHashSet());
        AssertFullPages(pages, 3);
    }

    [Fact]
    public async Task Slip_pages_are_full_when_the_service_answers_fewer_rows_than_asked()
    {
        var issued = new List<string>();
        for (var c = 0; c < 3; c++)
        {
            var caseId = await CreateAsync();
            for (var n = 1; n <= 3; n++)
            {
                issued.Add(await IssueAsync(caseId, n, SlipKind.Supervision, _unit));
            }

            await IssueAsync(caseId, 4, SlipKind.Supervision, _otherUnit);
        }

        var store = new CaseStore(new RecordingTables(azurite.ConnectionString) { MaxRowsPerResponse = 2 });
        var pages = await WalkAsync((limit, token) => store.ListSlipsAsync(_unit, null, null, limit, token, CancellationToken.None), 4);

        AssertFullPages(pages, 4);
        Assert.Equal(issued.OrderBy(id => id, StringComparer.Ordinal), pages.SelectMany(p => p).Select(s => s.SlipId));
    }

    [Fact]
    public async Task Slips_are_listed_by_the_unit_they_are_addressed_to()
    {
        var (mine, _, _) = await IssueSlipsAsync();

        var (items, _) = await _store.ListSlipsAsync(_unit, null, null, 50, null, CancellationToken.None);

        Assert.Equal(mine.Order(StringComparer.Ordinal), items.Select(s => s.SlipId).Order(StringComparer.Ordinal));
        Assert.All(items, s => Assert.Equal(_unit, s.AddressedTo));
        Assert.All(items, s => Assert.StartsWith(s.CaseId + "-", s.SlipId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slips_are_filtered_by_kind_and_by_acknowledgement()
    {
        var (_, urging, acknowledged) = await IssueSlipsAsync();

        var (ofKind, _) = await _store.ListSlipsAsync(_unit, SlipKind.Urging, null, 50, null, CancellationToken.None);
        var (seen, _) = await _store.ListSlipsAsync(_unit, null, true, 50, null, CancellationToken.None);
        var (unseen, _) = await _store.ListSlipsAsync(_unit, null, false, 50, null, CancellationToken.None);
        var (unseenUrging, _) = await _store.ListSlipsAsync(_unit, SlipKind.Urging, false, 50, null, CancellationToken.None);

        Assert.Equal(urging.Order(StringComparer.Ordinal), ofKind.Select(s => s.SlipId).Order(StringComparer.Ordinal));
        var ack = Assert.Single(seen);
        Assert.Equal(acknowledged, ack.SlipId);
        Assert.Equal("unit-staff-1", ack.AcknowledgedBy);
        Assert.Equal(Morning.AddHours(1), ack.AcknowledgedAt);
        Assert.Equal(2, unseen.Count);
        Assert.All(unseen, s => Assert.Null(s.AcknowledgedAt));
        Assert.Equal(urging.Where(id => id != acknowledged), unseenUrging.Select(s => s.SlipId));
    }

    [Fact]
    public async Task Slip_pages_are_chained_by_the_continuation_token()
    {
        var (mine, _, _) = await IssueSlipsAsync();

        var (first, token) = await _store.ListSlipsAsync(_unit, null, null, 2, null, CancellationToken.None);
        var (second, _) = await _store.ListSlipsAsync(_unit, null, null, 2, token, CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.NotNull(token);
        Assert.Equal(mine.Order(StringComparer.Ordinal), first.Concat(second).Select(s => s.SlipId).Order(StringComparer.Ordinal));
    }

    /// <summary>Follows the continuation tokens from the first page to the last (at most 20 pages).</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<T>>> WalkAsync<T>(Func<int, string?, Task<(IReadOnlyList<T> Items, string? ContinuationToken)>> list, int limit)
    {
        var pages = new List<IReadOnlyList<T>>();
        string? token = null;
        do
        {
            var (items, next) = await list(limit, token);
            pages.Add(items);
            token = next;
        }
        while (token is not null && pages.Count < 20);

        Assert.Null(token);
        return pages;
    }

    private static void AssertFullPages<T>(IReadOnlyList<IReadOnlyList<T>> pages, int limit)
    {
        Assert.All(pages.SkipLast(1), page => Assert.Equal(limit, page.Count));
        Assert.InRange(pages[^1].Count, 0, limit);
    }

    /// <summary>Three slips for the test's unit on two cases (two urging, one of them acknowledged) and one for another unit.</summary>
    private async Task<(IReadOnlyList<string> Mine, IReadOnlyList<string> Urging, string Acknowledged)> IssueSlipsAsync()
    {
        var a = await CreateAsync();
        var b = await CreateAsync();
        var reminder = await IssueAsync(a, 1, SlipKind.Reminder, _unit);
        var urgingA = await IssueAsync(a, 2, SlipKind.Urging, _unit);
        var urgingB = await IssueAsync(b, 2, SlipKind.Urging, _unit);
        await IssueAsync(b, 3, SlipKind.Supervision, _otherUnit);
        Assert.Equal(
            TransitionOutcome.Applied,
            await _store.AcknowledgeSlipAsync(a, urgingA, _unit, "unit-staff-1", Morning.AddHours(1), CancellationToken.None));
        return ([reminder, urgingA, urgingB], [urgingA, urgingB], urgingA);
    }

    private async Task<string> IssueAsync(string caseId, int number, SlipKind kind, string addressedTo)
    {
        var slipId = $"{caseId}-s03-{number:D2}";
        await _store.IssueSlipAsync(
            new IssueSlipCommand(caseId, slipId, number, kind, "handle", Morning.AddMinutes(number), Morning.AddHours(4), addressedTo),
            CancellationToken.None);
        return slipId;
    }

    private async Task<IReadOnlyList<string>> CreateManyAsync(int count)
    {
        var created = new List<string>();
        for (var i = 0; i < count; i++)
        {
            created.Add(await CreateAsync());
        }

        return created;
    }

    private async Task<string> CreateAsync(string? reporter = null, DateTimeOffset? reportedAt = null, string? categoryCode = null, DateTimeOffset? deadline = null)
    {
        // Numbered as intake numbers it: on its report day.
        var caseId = CaseNumberAllocator.DayPrefix(reportedAt ?? Morning) + "-T" + Guid.NewGuid().ToString("N");
        var newCase = NewCase(caseId, reporter ?? _reporter, reportedAt, categoryCode);
        if (deadline is { } d)
        {
            newCase = newCase with { RegistrationClock = newCase.RegistrationClock with { Deadline = d } };
        }

        Assert.True(await _store.CreateAsync(newCase, CancellationToken.None));
        return caseId;
    }

    private async Task SetAsync(string caseId, Func<CaseFacts, CaseFacts> change)
    {
        var transition = new CaseTransition("set", "op-1", Roles.Operator, Morning, null, [], facts => CaseDecision.Allow(change(facts)));
        Assert.Equal(TransitionOutcome.Applied, (await _store.TransitionAsync(caseId, transition, null, CancellationToken.None)).Outcome);
    }

    private Task<(IReadOnlyList<StoredCaseSummary> Items, string? ContinuationToken)> ListAsync(CaseFilter filter) =>
        _store.ListAsync(filter, 50, null, CancellationToken.None);
}
