using Lyg.Contracts;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;
using static Lyg.Hub.Tests.Features.Components.ComponentFixtures;

namespace Lyg.Hub.Tests.Features.Components;

[Collection(AzuriteDefinition.Name)]
public sealed class ImportComponentsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly GeoPoint Centre = CaseFixtures.CentreOf(Haizhou);
    private static readonly ComponentImportOptions Wgs84 = new(CoordinateSystem.Wgs84);

    private ComponentStore _store = null!;
    private UnitStore _units = null!;
    private ImportComponents _import = null!;

    public async Task InitializeAsync()
    {
        _store = await NewStoreAsync(azurite);
        _units = await UnitFixtures.NewStoreAsync(azurite);
        await _units.SeedAsync(UnitSeed.Load().Units, CancellationToken.None);
        _import = new ImportComponents(_store, _units, CodeCatalog.Default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_file_without_problems_is_written_and_its_components_are_found_by_id()
    {
        var result = await RunAsync(Wgs84, Feature(1, Centre, Id(1)), Feature(2, CaseFixtures.CentreOf(HaizhouEast), Id(2, "01001")));

        Assert.Equal(new ComponentImportResult(2, [], new ComponentWriteSummary(2, 0)), result with { Problems = [] });
        Assert.Empty(result.Problems);
        Assert.Equal(Haizhou.Code, (await _store.FindAsync(Id(1), CancellationToken.None))!.Grid);
        Assert.Equal(HaizhouEast.Code, (await _store.FindAsync(Id(2, "01001"), CancellationToken.None))!.Grid);
    }

    [Fact]
    public async Task A_file_with_a_problem_writes_nothing_at_all()
    {
        var result = await RunAsync(Wgs84, Feature(1, Centre, Id(1)), Feature(2, Centre, Id(2), ("DeptCode1", "DEPT-NOBODY")));

        Assert.Null(result.Written);
        Assert.Equal(1, result.Valid);
        Assert.Equal((2L, Id(2)), (Assert.Single(result.Problems).Record, result.Problems[0].Code));
        Assert.Null(await _store.FindAsync(Id(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_validates_and_writes_nothing()
    {
        var result = await RunAsync(Wgs84 with { DryRun = true }, Feature(1, Centre, Id(1)));

        Assert.Equal((1, 0, null), (result.Valid, result.Problems.Count, result.Written));
        Assert.Null(await _store.FindAsync(Id(1), CancellationToken.None));
    }

    [Fact]
    public async Task Units_added_to_the_registry_after_the_seed_are_known_to_the_next_import()
    {
        Assert.NotEmpty((await RunAsync(Wgs84, Feature(1, Centre, Id(1), ("DeptCode3", "ENT-NEWCARE")))).Problems);
        await _units.UpsertAsync(new UnitView("ENT-NEWCARE", "新养护公司", UnitKind.Enterprise, null, null, true), CancellationToken.None);

        var result = await RunAsync(Wgs84, Feature(1, Centre, Id(1), ("DeptCode3", "ENT-NEWCARE")));

        Assert.Empty(result.Problems);
        Assert.Equal(new ComponentUnit("ENT-NEWCARE", "新养护公司"), (await _store.FindAsync(Id(1), CancellationToken.None))!.MaintenanceUnit);
    }

    [Fact]
    public async Task Importing_a_corrected_file_again_moves_the_component_and_keeps_one_row_per_table()
    {
        await RunAsync(Wgs84, Feature(1, Centre, Id(1)), Feature(2, Centre, Id(2)));

        var result = await RunAsync(Wgs84, Feature(1, CaseFixtures.CentreOf(HaizhouEast), Id(1), ("ObjState", "丢失")), Feature(2, Centre, Id(2)));

        Assert.Equal(new ComponentWriteSummary(2, 1), result.Written);
        var moved = await _store.FindAsync(Id(1), CancellationToken.None);
        Assert.Equal((HaizhouEast.Code, ComponentState.Lost), (moved!.Grid, moved.State));
        Assert.Equal([Id(2)], (await _store.ListInGridsAsync([Haizhou], null, null, CancellationToken.None)).Select(c => c.Id));
    }

    [Fact]
    public async Task Progress_goes_through_validate_write_and_index()
    {
        var progress = new ProgressRecorder();
        var reports = progress.Reports;

        await _import.RunAsync(_ => [Feature(1, Centre, Id(1))], CaseFixtures.Places.Map, Wgs84, progress, CancellationToken.None);

        Assert.Equal(["validate", "write", "index"], reports.Select(r => r.Phase).Distinct());
        Assert.All(reports.GroupBy(r => r.Phase), phase => Assert.Equal(new ImportProgress(phase.Key, 1, 1), phase.Last()));
    }

    [Fact]
    public async Task A_file_is_read_twice_and_written_in_slices_with_progress_over_the_whole()
    {
        var features = Enumerable.Range(1, 7).Select(i => Feature(i, Centre, Id(i))).ToArray();
        var passes = new List<bool>();
        var progress = new ProgressRecorder();

        var result = await _import.RunAsync(
            withProgress =>
            {
                passes.Add(withProgress is not null);
                return features;
            },
            CaseFixtures.Places.Map,
            Wgs84 with { SliceSize = 3 },
            progress,
            CancellationToken.None);

        Assert.Equal([true, false], passes);
        Assert.Equal(new ComponentWriteSummary(7, 0), result.Written);
        Assert.Equal(7, (await _store.ListInGridsAsync([Haizhou], null, null, CancellationToken.None)).Count);
        foreach (var phase in new[] { ComponentStore.WritePhase, ComponentStore.IndexPhase })
        {
            var done = progress.Reports.Where(r => r.Phase == phase).ToList();
            Assert.All(done, r => Assert.Equal(7, r.Total));
            Assert.Equal(done.Select(r => r.Done).Order(), done.Select(r => r.Done));
            Assert.Equal([0L, 3L, 3L, 6L, 6L, 7L], done.Select(r => r.Done));
        }
    }

    [Fact]
    public async Task A_file_that_changes_between_the_passes_is_reported_as_changed()
    {
        var pass = 0;

        var changed = await Assert.ThrowsAsync<InvalidDataException>(() => _import.RunAsync(
            _ => ++pass == 1 ? [Feature(1, Centre, Id(1))] : [Feature(1, Centre, Id(1)), Feature(2, Centre, "bad")],
            CaseFixtures.Places.Map,
            Wgs84,
            null,
            CancellationToken.None));

        Assert.Contains("changed while it was imported", changed.Message, StringComparison.Ordinal);
    }

    private Task<ComponentImportResult> RunAsync(ComponentImportOptions options, params SourceFeature[] features) =>
        _import.RunAsync(_ => features, CaseFixtures.Places.Map, options, null, CancellationToken.None);
}
