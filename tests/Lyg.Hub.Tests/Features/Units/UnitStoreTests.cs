using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Features.Units.UnitFixtures;

namespace Lyg.Hub.Tests.Features.Units;

[Collection(AzuriteDefinition.Name)]
public sealed class UnitStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private UnitStore _store = null!;

    public async Task InitializeAsync() => _store = await NewStoreAsync(azurite);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_created_unit_is_found_with_every_field()
    {
        await SaveAsync(_store, Unit("D320706", UnitKind.District));
        var street = new UnitView("S320706-XINHAI", "海州区新海街道", UnitKind.StreetOffice, "D320706", "s320706-xinhai.dispatch@units.lyg.example", false);

        var outcome = await _store.UpsertAsync(street, CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.Created, outcome);
        Assert.Equal(street, await _store.FindAsync("S320706-XINHAI", CancellationToken.None));
    }

    [Theory]
    [InlineData("NOBODY")]
    [InlineData("bad/code")]
    [InlineData("")]
    public async Task An_unknown_or_malformed_code_finds_nothing(string code) =>
        Assert.Null(await _store.FindAsync(code, CancellationToken.None));

    [Fact]
    public async Task Upserting_an_existing_unit_replaces_it_and_clears_what_was_left_out()
    {
        await SaveAsync(_store, Unit("D320703", UnitKind.District), Unit("ENT-GAS", UnitKind.Enterprise, parent: "D320703"));
        var replacement = new UnitView("ENT-GAS", "连云港港华燃气有限公司", UnitKind.Enterprise, null, null, false);

        var outcome = await _store.UpsertAsync(replacement, CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.Updated, outcome);
        Assert.Equal(replacement, await _store.FindAsync("ENT-GAS", CancellationToken.None));
    }

    [Fact]
    public async Task A_parent_that_does_not_exist_is_refused_and_nothing_is_written()
    {
        var outcome = await _store.UpsertAsync(Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"), CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.UnknownParent, outcome);
        Assert.Null(await _store.FindAsync("S320706-XINHAI", CancellationToken.None));
    }

    [Fact]
    public async Task A_unit_cannot_be_its_own_parent()
    {
        await SaveAsync(_store, Unit("D320706", UnitKind.District));

        var outcome = await _store.UpsertAsync(Unit("D320706", UnitKind.District, parent: "D320706"), CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.Cycle, outcome);
        Assert.Null((await _store.FindAsync("D320706", CancellationToken.None))!.ParentCode);
    }

    [Fact]
    public async Task A_unit_cannot_be_placed_under_its_own_descendant()
    {
        await SaveAsync(_store, Unit("A1"), Unit("B1", parent: "A1"), Unit("C1", parent: "B1"));

        var outcome = await _store.UpsertAsync(Unit("A1", parent: "C1"), CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.Cycle, outcome);
        Assert.Null((await _store.FindAsync("A1", CancellationToken.None))!.ParentCode);
    }

    [Fact]
    public async Task A_unit_may_move_anywhere_outside_its_own_subtree()
    {
        await SaveAsync(_store, Unit("A1"), Unit("B1", parent: "A1"), Unit("C1", parent: "B1"), Unit("X1"));

        Assert.Equal(UnitUpsertOutcome.Created, await _store.UpsertAsync(Unit("D1", parent: "C1"), CancellationToken.None));
        Assert.Equal(UnitUpsertOutcome.Updated, await _store.UpsertAsync(Unit("C1", parent: "A1"), CancellationToken.None));
        Assert.Equal(UnitUpsertOutcome.Updated, await _store.UpsertAsync(Unit("A1", parent: "X1"), CancellationToken.None));
        Assert.Equal("X1", (await _store.FindAsync("A1", CancellationToken.None))!.ParentCode);
        Assert.Equal("A1", (await _store.FindAsync("C1", CancellationToken.None))!.ParentCode);
    }

    [Fact]
    public async Task A_parent_chain_longer_than_the_limit_is_refused()
    {
        var chain = Enumerable.Range(0, UnitStore.MaxAncestors + 1).Select(i => Unit($"L{i:D2}", parent: i == 0 ? null : $"L{i - 1:D2}")).ToArray();
        await SaveAsync(_store, chain);

        var outcome = await _store.UpsertAsync(Unit("LEAF", parent: chain[^1].Code), CancellationToken.None);

        Assert.Equal(UnitUpsertOutcome.TooDeep, outcome);
        Assert.Null(await _store.FindAsync("LEAF", CancellationToken.None));
    }

    [Fact]
    public async Task Two_racing_re_parentings_cannot_close_a_cycle()
    {
        for (var round = 0; round < 5; round++)
        {
            var a = $"RACE{round}-A";
            var b = $"RACE{round}-B";
            await SaveAsync(_store, Unit(a), Unit(b));

            var outcomes = await Task.WhenAll(
                _store.UpsertAsync(Unit(a, parent: b), CancellationToken.None),
                _store.UpsertAsync(Unit(b, parent: a), CancellationToken.None));

            Assert.Equal([UnitUpsertOutcome.Updated, UnitUpsertOutcome.Cycle], outcomes.Order());
            var parents = new[] { (await _store.FindAsync(a, CancellationToken.None))!.ParentCode, (await _store.FindAsync(b, CancellationToken.None))!.ParentCode };
            Assert.Single(parents, p => p is not null);
        }
    }

    [Fact]
    public async Task Racing_creations_of_one_unit_create_it_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            _store.UpsertAsync(Unit("ENT-WATER", UnitKind.Enterprise) with { Name = $"供水 {i}" }, CancellationToken.None)));

        Assert.Single(outcomes, o => o == UnitUpsertOutcome.Created);
        Assert.Equal(4, outcomes.Count(o => o == UnitUpsertOutcome.Updated));
    }

    [Fact]
    public async Task Listing_returns_every_unit_in_code_order_and_filters_by_kind_and_activity()
    {
        await SaveAsync(
            _store,
            Unit("D320706", UnitKind.District),
            Unit("ENT-GAS", UnitKind.Enterprise),
            Unit("DEPT-CGJ"),
            Unit("DEPT-OLD", active: false),
            Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"));

        var all = await _store.ListAsync(null, null, 100, null, CancellationToken.None);
        var departments = await _store.ListAsync(UnitKind.Department, null, 100, null, CancellationToken.None);
        var inactive = await _store.ListAsync(null, false, 100, null, CancellationToken.None);
        var activeDepartments = await _store.ListAsync(UnitKind.Department, true, 100, null, CancellationToken.None);

        Assert.Equal(["D320706", "DEPT-CGJ", "DEPT-OLD", "ENT-GAS", "S320706-XINHAI"], all.Items.Select(u => u.Code));
        Assert.Null(all.ContinuationToken);
        Assert.Equal(["DEPT-CGJ", "DEPT-OLD"], departments.Items.Select(u => u.Code));
        Assert.Equal(["DEPT-OLD"], inactive.Items.Select(u => u.Code));
        Assert.Equal(["DEPT-CGJ"], activeDepartments.Items.Select(u => u.Code));
        Assert.Equal(Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"), all.Items[^1]);
    }

    [Fact]
    public async Task Pages_follow_each_other_by_continuation_token_without_gaps_or_repeats()
    {
        var codes = Enumerable.Range(1, 7).Select(i => $"DEPT-{i:D2}").ToArray();
        await SaveAsync(_store, [.. codes.Select(c => Unit(c)), Unit("ENT-01", UnitKind.Enterprise)]);

        var pages = new List<int>();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _store.ListAsync(UnitKind.Department, null, 3, token, CancellationToken.None);
            pages.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(u => u.Code));
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal(codes, seen);
        Assert.Equal([3, 3, 1], pages);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_unit_has_no_token()
    {
        await SaveAsync(_store, Unit("DEPT-01"), Unit("DEPT-02"));

        var page = await _store.ListAsync(null, null, 2, null, CancellationToken.None);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task Seeding_twice_adds_the_units_once()
    {
        UnitView[] seed = [Unit("D320706", UnitKind.District), Unit("S320706-XINHAI", UnitKind.StreetOffice, parent: "D320706"), Unit("ENT-GAS", UnitKind.Enterprise)];

        var first = await _store.SeedAsync(seed, CancellationToken.None);
        var second = await _store.SeedAsync(seed, CancellationToken.None);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        Assert.Equal(3, (await _store.ListAsync(null, null, 100, null, CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task An_administrators_change_survives_a_reseed_and_missing_units_are_still_added()
    {
        UnitView[] seed = [Unit("DEPT-CGJ"), Unit("ENT-GAS", UnitKind.Enterprise)];
        await _store.SeedAsync(seed, CancellationToken.None);
        var changed = Unit("DEPT-CGJ") with { Name = "连云港市城市管理局（改）", NoticeContact = null, Active = false };
        Assert.Equal(UnitUpsertOutcome.Updated, await _store.UpsertAsync(changed, CancellationToken.None));

        var added = await _store.SeedAsync([.. seed, Unit("ENT-POWER", UnitKind.Enterprise)], CancellationToken.None);

        Assert.Equal(1, added);
        Assert.Equal(changed, await _store.FindAsync("DEPT-CGJ", CancellationToken.None));
        Assert.NotNull(await _store.FindAsync("ENT-POWER", CancellationToken.None));
    }

    [Fact]
    public async Task A_unit_an_administrator_created_first_is_not_overwritten_by_the_seed()
    {
        var own = Unit("ENT-GAS", UnitKind.Enterprise) with { Name = "管理员录入" };
        await SaveAsync(_store, own);

        var added = await _store.SeedAsync([Unit("ENT-GAS", UnitKind.Enterprise)], CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(own, await _store.FindAsync("ENT-GAS", CancellationToken.None));
    }

    [Fact]
    public async Task Racing_seeders_add_each_unit_once()
    {
        UnitView[] seed = [.. Enumerable.Range(1, 10).Select(i => Unit($"DEPT-{i:D2}"))];

        var added = await Task.WhenAll(Enumerable.Range(1, 3).Select(_ => _store.SeedAsync(seed, CancellationToken.None)));

        Assert.Equal(10, added.Sum());
        Assert.Equal(10, (await _store.ListAsync(null, null, 100, null, CancellationToken.None)).Items.Count);
    }
}
