using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// Puts the places in force before the host serves requests — the imported dataset when there is one, else the
/// synthetic sample when <c>Places:UseSample</c> is on, else no places (with a warning) — then reads the pointer every
/// <see cref="PlacesOptions.RefreshInterval"/> and swaps in a newly imported dataset.
/// </summary>
public sealed partial class PlaceRefresher(PlaceStore store, CurrentPlaces places, IOptions<PlacesOptions> options, TimeProvider time, ILogger<PlaceRefresher> logger)
    : StorageRefresher(options.Value.RefreshInterval, time, logger)
{
    public const string NotLoadedLabel = "no places loaded yet";
    public const string NoPlacesLabel = "no places: none imported and Places:UseSample is off";

    private string? _activeDataset;

    protected override string Subject => "Places";

    /// <summary>A city's dataset (10^5 grids, tens of MB) takes seconds to load; a hung account fails its first small read sooner.</summary>
    protected override TimeSpan FirstAttemptBudget => TimeSpan.FromMinutes(2);

    protected override Task RefreshAsync(CancellationToken cancellationToken) => LoadNewDatasetAsync(cancellationToken);

    /// <summary>Loads the dataset the pointer names when it is not the one in force; true when the map was replaced.</summary>
    public async Task<bool> LoadNewDatasetAsync(CancellationToken cancellationToken)
    {
        var pointer = await store.ReadPointerAsync(cancellationToken);
        if (pointer is null || pointer.Dataset == _activeDataset)
        {
            return false;
        }

        var map = await store.LoadAsync(pointer, cancellationToken);
        places.Replace(map);
        _activeDataset = pointer.Dataset;
        LogSwitched(logger, map.Label, map.Grids.Count, pointer.Dataset, pointer.ImportedAt);
        return true;
    }

    /// <summary>Without an imported dataset (none, or storage unreadable at start): the sample city, or no places.</summary>
    protected override void AfterFirstAttempt()
    {
        if (_activeDataset is not null)
        {
            return;
        }

        if (options.Value.UseSample)
        {
            var sample = SampleCity.Generate().ToMap();
            places.Replace(sample);
            LogSample(logger, sample.Label, sample.Grids.Count);
        }
        else
        {
            places.Replace(PlaceMap.Empty(NoPlacesLabel));
            LogNoPlaces(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Places: now serving '{Label}', {Grids} unit grids, from {Dataset} imported at {ImportedAt}")]
    private static partial void LogSwitched(ILogger logger, string label, int grids, string dataset, DateTimeOffset importedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Places: no dataset imported; serving the {Label}, {Grids} unit grids (Places:UseSample)")]
    private static partial void LogSample(ILogger logger, string label, int grids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Places: no dataset imported and Places:UseSample is off, so no point lies in any grid. Import places with Lyg.Import (see README, Places)")]
    private static partial void LogNoPlaces(ILogger logger);
}
