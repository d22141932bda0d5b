using Azure.Storage.Blobs;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.PlaceDatasets;

[Collection(AzuriteDefinition.Name)]
public sealed class PlaceRefresherTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly PlaceMap Small = PlaceImport.Validate(PlaceFeatures.Records(PlaceFeatures.ValidRows()), new PlaceImportOptions { Label = "small" }).Map!;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly CurrentPlaces _places = new(PlaceMap.Empty(PlaceRefresher.NotLoadedLabel));

    [Fact]
    public async Task At_start_an_imported_dataset_wins_over_the_sample()
    {
        var store = NewStore();
        await SaveAsync(store, Small);
        using var refresher = NewRefresher(store, useSample: true);

        await refresher.StartAsync(CancellationToken.None);

        Assert.Equal("small", _places.Map.Label);
        Assert.Equal(PlaceFeatures.WestGrid, _places.Locate(34.60, 119.21)?.Grid);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Without_a_dataset_the_sample_is_served_when_asked_for_and_no_places_otherwise()
    {
        using var withSample = NewRefresher(NewStore(), useSample: true);
        await withSample.StartAsync(CancellationToken.None);
        var sample = _places.Map;
        await withSample.StopAsync(CancellationToken.None);
        using var without = NewRefresher(NewStore(), useSample: false);
        await without.StartAsync(CancellationToken.None);

        Assert.Equal((SampleCity.Label, SampleCity.Generate().Grids.Count), (sample.Label, sample.Grids.Count));
        Assert.Equal((PlaceRefresher.NoPlacesLabel, 0), (_places.Map.Label, _places.Map.Grids.Count));
        await without.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_at_start_falls_back_to_the_sample()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        var nowhere = new BlobServiceClient(new Uri($"http://127.0.0.1:{Lyg.Testing.FreePort.Next()}/devstoreaccount1"), options).GetBlobContainerClient("places");
        using var refresher = NewRefresher(new PlaceStore(nowhere, _clock), useSample: true);

        await refresher.StartAsync(CancellationToken.None);

        Assert.Equal(SampleCity.Label, _places.Map.Label);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_new_import_is_swapped_in_once_and_a_refresh_without_one_changes_nothing()
    {
        var store = NewStore();
        using var refresher = NewRefresher(store, useSample: true);
        await refresher.StartAsync(CancellationToken.None);
        var before = _places.Map;

        await SaveAsync(store, Small);
        var swapped = await refresher.LoadNewDatasetAsync(CancellationToken.None);
        var afterSwap = _places.Map;
        var again = await refresher.LoadNewDatasetAsync(CancellationToken.None);

        Assert.Equal(SampleCity.Label, before.Label);
        Assert.True(swapped);
        Assert.Equal("small", afterSwap.Label);
        Assert.False(again);
        Assert.Same(afterSwap, _places.Map);
        await refresher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_refresher_polls_every_interval_and_swaps_in_an_import_by_itself()
    {
        var store = NewStore();
        using var refresher = NewRefresher(store, useSample: true);
        await refresher.StartAsync(CancellationToken.None);
        await SaveAsync(store, Small);

        // Advanced on every poll: the refresher's loop starts on a thread of its own (.NET 10 BackgroundService), so one
        // advance could come before its timer exists.
        await Lyg.Testing.Poll.UntilAsync(
            () =>
            {
                _clock.Advance(Interval);
                return Task.FromResult(_places.Map.Label);
            },
            label => label == "small",
            TimeSpan.FromSeconds(10),
            "the refresher to swap in the import");
        await refresher.StopAsync(CancellationToken.None);
    }

    private PlaceStore NewStore() =>
        new(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("places-" + Guid.NewGuid().ToString("N")), _clock);

    private PlaceRefresher NewRefresher(PlaceStore store, bool useSample) =>
        new(store, _places, Options.Create(new PlacesOptions { UseSample = useSample, RefreshInterval = Interval }), _clock, NullLogger<PlaceRefresher>.Instance);

    private static Task<PlaceDatasetPointer> SaveAsync(PlaceStore store, PlaceMap map) => store.SaveAsync(map, PlaceImportSummary.Of(map, 0), null, CancellationToken.None);
}
