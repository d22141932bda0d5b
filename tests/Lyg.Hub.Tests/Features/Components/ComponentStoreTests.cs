using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Features.Components.ComponentFixtures;

namespace Lyg.Hub.Tests.Features.Components;

[Collection(AzuriteDefinition.Name)]
public sealed class ComponentStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N");
    private ComponentStore _store = null!;

    private TableClient ByGrid => azurite.Tables.GetTableClient("Components" + _suffix);

    private TableClient ById => azurite.Tables.GetTableClient("ComponentIds" + _suffix);

    public async Task InitializeAsync()
    {
        _store = new ComponentStore(azurite.Tables, "Components" + _suffix, "ComponentIds" + _suffix);
        await _store.EnsureTablesAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_written_component_is_found_by_id_with_every_field()
    {
        var component = Component(Id(1), Haizhou, state: ComponentState.Occupied) with
        {
            MaintenanceUnit = new ComponentUnit("ENT-WATER", "连云港市区供水公司"),
            ChangedOn = new DateOnly(2026, 2, 28),
            Note = "样例",
        };

        var summary = await _store.WriteAsync([component], null, CancellationToken.None);

        Assert.Equal(new ComponentWriteSummary(1, 0), summary);
        Assert.Equal(component, await _store.FindAsync(Id(1), CancellationToken.None));
    }

    [Theory]
    [InlineData("3207060101999999")]
    [InlineData("32070601001999999")]
    [InlineData("not-an-id")]
    [InlineData("")]
    public async Task An_unknown_or_malformed_id_finds_nothing(string id) =>
        Assert.Null(await _store.FindAsync(id, CancellationToken.None));

    [Fact]
    public async Task Components_are_listed_by_grid_and_optionally_by_type()
    {
        await _store.WriteAsync(
        [
            Component(Id(1), Haizhou), Component(Id(2, "0102"), Haizhou), Component(Id(3, "01011"), Haizhou),
            Component(Id(4), HaizhouEast), Component(Id(5), Neighbour(Haizhou, east: 2)),
        ], null, CancellationToken.None);

        var all = await _store.ListInGridsAsync([Haizhou, HaizhouEast], null, null, CancellationToken.None);
        var covers = await _store.ListInGridsAsync([Haizhou, HaizhouEast], "0101", null, CancellationToken.None);
        var gb2026 = await _store.ListInGridsAsync([Haizhou], "01011", null, CancellationToken.None);

        Assert.Equal([Id(1), Id(4), Id(3, "01011"), Id(2, "0102")], all.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal([Id(1), Id(4)], covers.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal([Id(3, "01011")], gb2026.Select(c => c.Id));
    }

    [Fact]
    public async Task Writing_the_same_components_again_leaves_the_same_rows()
    {
        var components = Enumerable.Range(1, 30).Select(i => Component(Id(i), i % 2 == 0 ? Haizhou : HaizhouEast)).ToList();
        await _store.WriteAsync(components, null, CancellationToken.None);
        var before = await SnapshotAsync();

        var summary = await _store.WriteAsync(components, null, CancellationToken.None);

        Assert.Equal(new ComponentWriteSummary(30, 0), summary);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(60, before.Count);
    }

    [Fact]
    public async Task A_component_moved_to_another_grid_leaves_no_row_in_the_old_one()
    {
        await _store.WriteAsync([Component(Id(1), Haizhou), Component(Id(2), Haizhou)], null, CancellationToken.None);
        var moved = Component(Id(1), HaizhouEast);

        var summary = await _store.WriteAsync([moved], null, CancellationToken.None);

        Assert.Equal(new ComponentWriteSummary(1, 1), summary);
        Assert.Equal([Id(2)], (await _store.ListInGridsAsync([Haizhou], null, null, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal([Id(1)], (await _store.ListInGridsAsync([HaizhouEast], null, null, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal(moved, await _store.FindAsync(Id(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_move_interrupted_before_the_old_row_was_deleted_is_completed_by_the_next_import()
    {
        await _store.WriteAsync([Component(Id(1), Haizhou)], null, CancellationToken.None);
        // The new grid's row is written, then the import stops: the index still names the old grid.
        await ByGrid.UpsertEntityAsync(new TableEntity(HaizhouEast.Code, Id(1)));

        var summary = await _store.WriteAsync([Component(Id(1), HaizhouEast)], null, CancellationToken.None);

        Assert.Equal(1, summary.Moved);
        Assert.Empty(await _store.ListInGridsAsync([Haizhou], null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_move_interrupted_after_the_old_row_was_deleted_is_completed_without_error()
    {
        await _store.WriteAsync([Component(Id(1), Haizhou)], null, CancellationToken.None);
        // The old row is gone already, but the index was not updated before the import stopped.
        await ByGrid.DeleteEntityAsync(Haizhou.Code, Id(1));
        await ByGrid.UpsertEntityAsync(new TableEntity(HaizhouEast.Code, Id(1)));

        await _store.WriteAsync([Component(Id(1), HaizhouEast)], null, CancellationToken.None);

        Assert.Equal(HaizhouEast.Code, (await _store.FindAsync(Id(1), CancellationToken.None))!.Grid);
        Assert.Equal([Id(1)], (await _store.ListInGridsAsync([HaizhouEast], null, null, CancellationToken.None)).Select(c => c.Id));
    }

    [Fact]
    public async Task Components_not_in_a_later_import_stay()
    {
        await _store.WriteAsync([Component(Id(1), Haizhou), Component(Id(2), Haizhou)], null, CancellationToken.None);

        await _store.WriteAsync([Component(Id(2), Haizhou, state: ComponentState.Lost)], null, CancellationToken.None);

        Assert.NotNull(await _store.FindAsync(Id(1), CancellationToken.None));
        Assert.Equal(ComponentState.Lost, (await _store.FindAsync(Id(2), CancellationToken.None))!.State);
    }

    [Fact]
    public async Task More_than_a_transaction_per_partition_is_written_in_several_and_progress_counts_components()
    {
        var components = Enumerable.Range(1, 250).Select(i => Component(Id(i), Haizhou)).ToList();
        var progress = new ProgressRecorder();
        var reports = progress.Reports;

        await _store.WriteAsync(components, progress, CancellationToken.None);

        Assert.Equal(250, (await _store.ListInGridsAsync([Haizhou], null, null, CancellationToken.None)).Count);
        foreach (var phase in new[] { ComponentStore.WritePhase, ComponentStore.IndexPhase })
        {
            // Three transactions (100, 100, 50) finish in any order, but the counts reported only grow.
            var done = reports.Where(r => r.Phase == phase).Select(r => r.Done).ToList();
            Assert.Equal(4, done.Count);
            Assert.Equal((0L, 250L), (done[0], done[^1]));
            Assert.Equal(done.Order(), done);
            Assert.All(reports.Where(r => r.Phase == phase), r => Assert.Equal(250, r.Total));
        }

        Assert.True(reports.FindLastIndex(r => r.Phase == ComponentStore.WritePhase) < reports.FindIndex(r => r.Phase == ComponentStore.IndexPhase));
    }

    [Fact]
    public async Task A_list_with_an_id_twice_is_refused_before_anything_is_written()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _store.WriteAsync([Component(Id(1), Haizhou), Component(Id(1), HaizhouEast)], null, CancellationToken.None));

        Assert.Empty(await SnapshotAsync());
    }

    /// <summary>Every row of both tables with its keys and properties (timestamps and ETags left out).</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { ByGrid, ById })
        {
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                rows.Add(table.Name[..10] + "|" + string.Join(";", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
            }
        }

        return rows;
    }
}
