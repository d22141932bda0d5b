using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// The registered vehicles in memory, read whole from <see cref="VehicleStore"/> and again once
/// <see cref="VehiclesOptions.RegistryRefresh"/> has passed, so each batch of positions finds its vehicles without a
/// storage call per position, and an import reaches every host within that interval. A row that no longer reads (written
/// by hand) is left out and logged, never a failure of every batch.
/// </summary>
public sealed partial class VehicleRegistry(VehicleStore store, IOptions<VehiclesOptions> options, TimeProvider clock, ILogger<VehicleRegistry> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private (IReadOnlyDictionary<string, Vehicle> Vehicles, DateTimeOffset LoadedAt)? _loaded;

    public async Task<IReadOnlyDictionary<string, Vehicle>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            var vehicles = new Dictionary<string, Vehicle>(StringComparer.Ordinal);
            foreach (var row in await store.ReadAllAsync(cancellationToken))
            {
                var (read, problems) = VehicleRegistryFile.Read(Encoding.UTF8.GetBytes(row.Rules), _ => true);
                if (read is [var vehicle] && vehicle.VehicleId == row.RowKey)
                {
                    vehicles[vehicle.VehicleId] = vehicle;
                }
                else
                {
                    LogUnreadable(logger, row.RowKey, string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value}")));
                }
            }

            _loaded = (vehicles, clock.GetUtcNow());
            return vehicles;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private IReadOnlyDictionary<string, Vehicle>? Fresh() =>
        _loaded is { } loaded && clock.GetUtcNow() - loaded.LoadedAt < options.Value.RegistryRefresh ? loaded.Vehicles : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Vehicle registry: the row of {VehicleId} does not read and is left out: {Problems}")]
    private static partial void LogUnreadable(ILogger logger, string vehicleId, string problems);
}
