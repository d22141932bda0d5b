using Lyg.Hub.Hosting;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Places;

/// <summary>
/// Puts the places in force before the host serves requests — the imported dataset when there is one, else the
/// synthetic sample when <c>Places:UseSample</c> is on, else no places (with a warning) — then reads the pointer every
/// <see cref="PlacesOptions.RefreshInterval"/> and swaps in a newly imported dataset. A storage failure keeps the map
/// in force; the next tick tries again.
/// </summary>
public sealed partial class PlaceRefresher(PlaceStore store, CurrentPlaces places, IOptions<PlacesOptions> options, TimeProvider time, ILogger<PlaceRefresher> logger)
    : BackgroundService
{
    public const string NotLoadedLabel = "no places loaded yet";
    public const string NoPlacesLabel = "no places: none imported and Places:UseSample is off";

    private string? _activeDataset;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFirstLoadFailed(logger, ex);
        }

        if (_activeDataset is null)
        {
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

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Loads the dataset the pointer names when it is not the one in force; true when the map was replaced.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRefresh.RunAsync(options.Value.RefreshInterval, time, RefreshAsync, ex => LogRefreshFailed(logger, ex), stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Places: now serving '{Label}', {Grids} unit grids, from {Dataset} imported at {ImportedAt}")]
    private static partial void LogSwitched(ILogger logger, string label, int grids, string dataset, DateTimeOffset importedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Places: no dataset imported; serving the {Label}, {Grids} unit grids (Places:UseSample)")]
    private static partial void LogSample(ILogger logger, string label, int grids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Places: no dataset imported and Places:UseSample is off, so no point lies in any grid. Import places with Lyg.Import (see README, Places)")]
    private static partial void LogNoPlaces(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Places: the imported dataset could not be read at start; falling back until the next refresh succeeds")]
    private static partial void LogFirstLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Places: looking for a new dataset failed; the places in force stay")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
