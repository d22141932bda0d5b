using Azure.Storage.Blobs;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Importing;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

[Collection(AzuriteDefinition.Name)]
public sealed class PlaceStoreTests(AzuriteFixture azurite)
{
    private static readonly PlaceMap Sample = SampleCity.Generate().ToMap();
    private static readonly PlaceMap Small = PlaceImport.Validate(PlaceFeatures.Records(PlaceFeatures.ValidRows()), new PlaceImportOptions { Label = "small" }).Map!;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 1, 2, 3, TimeSpan.Zero));

    [Fact]
    public async Task Nothing_imported_means_no_pointer_even_without_the_container()
    {
        var store = new PlaceStore(NewContainer(), _clock);

        Assert.Null(await store.ReadPointerAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_map_is_named_by_the_pointer_and_loads_back_whole()
    {
        var store = new PlaceStore(NewContainer(), _clock);
        var progress = new ProgressRecorder();

        var saved = await store.SaveAsync(Sample, PlaceImportSummary.Of(Sample, 0), progress, CancellationToken.None);
        var pointer = await store.ReadPointerAsync(CancellationToken.None);
        var loaded = await store.LoadAsync(pointer!, CancellationToken.None);

        Assert.Equal(saved, pointer);
        Assert.StartsWith("datasets/20261126T010203000Z-", pointer!.Dataset, StringComparison.Ordinal);
        Assert.Equal((Sample.Label, _clock.GetUtcNow(), 6, 18, 54, Sample.Grids.Count, 1), (pointer.Label, pointer.ImportedAt, pointer.Districts, pointer.Streets, pointer.Communities, pointer.Grids, pointer.Format));
        Assert.Equal(Sample.UnitGrids.Select(g => g.Code), loaded.UnitGrids.Select(g => g.Code));
        Assert.Equal(Sample.Areas.Select(a => a.Place), loaded.Areas.Select(a => a.Place));
        Assert.Contains(new ImportProgress("write", Sample.Areas.Count + Sample.UnitGrids.Count, Sample.Areas.Count + Sample.UnitGrids.Count), progress.Reports);
        Assert.Equal(new ImportProgress("activate", 1, 1), progress.Reports[^1]);
    }

    [Fact]
    public async Task Each_import_switches_the_pointer_and_keeps_only_the_previous_dataset_for_rollback()
    {
        var container = NewContainer();
        var store = new PlaceStore(container, _clock);

        var first = await store.SaveAsync(Sample, PlaceImportSummary.Of(Sample, 0), null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await store.SaveAsync(Small, PlaceImportSummary.Of(Small, 0), null, CancellationToken.None);
        var afterSecond = await DatasetsAsync(container);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var third = await store.SaveAsync(Sample, PlaceImportSummary.Of(Sample, 0), null, CancellationToken.None);

        Assert.Equal([first.Dataset, second.Dataset], afterSecond);
        Assert.Equal([second.Dataset, third.Dataset], await DatasetsAsync(container));
        Assert.Equal(third, await store.ReadPointerAsync(CancellationToken.None));
        Assert.Equal("small", (await store.LoadAsync(second, CancellationToken.None)).Label);
    }

    [Fact]
    public async Task An_import_that_loses_the_race_for_the_pointer_is_told_and_leaves_no_dataset_behind()
    {
        var container = NewContainer();
        var store = new PlaceStore(container, _clock);
        var first = await store.SaveAsync(Sample, PlaceImportSummary.Of(Sample, 0), null, CancellationToken.None);
        PlaceDatasetPointer? winner = null;
        // While the slower import writes its dataset, another one switches the pointer.
        var interleaved = new InterleavingProgress(() =>
            winner ??= Task.Run(() => store.SaveAsync(Small, PlaceImportSummary.Of(Small, 0), null, CancellationToken.None)).GetAwaiter().GetResult());

        await Assert.ThrowsAsync<PlacesChangedMeanwhileException>(() => store.SaveAsync(Sample, PlaceImportSummary.Of(Sample, 0), interleaved, CancellationToken.None));

        Assert.NotNull(winner);
        Assert.Equal(winner, await store.ReadPointerAsync(CancellationToken.None));
        Assert.Equal(new[] { first.Dataset, winner.Dataset }.Order(StringComparer.Ordinal), (await DatasetsAsync(container)).Order(StringComparer.Ordinal));
    }

    private BlobContainerClient NewContainer() =>
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("places-" + Guid.NewGuid().ToString("N"));

    private static async Task<List<string>> DatasetsAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "datasets/" }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private sealed class InterleavingProgress(Action onFirstReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onFirstReport();
    }
}
