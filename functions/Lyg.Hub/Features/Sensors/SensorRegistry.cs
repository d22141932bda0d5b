using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// The sensor registry every telemetry reading is checked against, held in memory so 2,000 readings a second cost no
/// table reads: loaded whole at start, then only the rows written since (<see cref="SensorRefresher"/>). An id the
/// host does not hold is looked up once (a sensor imported since the last refresh is taken at once) and, when the
/// table has none either, refused without another look for <see cref="SensorsOptions.UnknownRetryInterval"/>.
/// </summary>
public sealed class SensorRegistry(SensorStore store, SensorKindCatalog kinds, IOptions<SensorsOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>Rows written within this much before the newest seen are read again: writes across partitions commit out of order.</summary>
    public static readonly TimeSpan ChangeOverlap = TimeSpan.FromMinutes(2);

    private const int MaxParallelLookups = 8;

    private readonly ConcurrentDictionary<string, Sensor> _sensors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTimeOffset? _newest;

    public SensorKindCatalog Kinds => kinds;

    /// <summary>Every sensor held, in no order.</summary>
    public IEnumerable<Sensor> All => _sensors.Values;

    /// <summary>Reads the rows written since the last refresh (all of them the first time) into memory; how many were read.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var (changed, newest) = await store.ListChangedAsync(_newest - ChangeOverlap, cancellationToken);
            foreach (var sensor in changed)
            {
                _sensors[sensor.Id] = sensor;
                _unknownUntil.TryRemove(sensor.Id, out _);
            }

            _newest = newest > _newest || _newest is null ? newest : _newest;
            return changed.Count;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The sensor held in memory, or null; no table read (for lists and views).</summary>
    public Sensor? Held(string id) => _sensors.GetValueOrDefault(id);

    /// <summary>The registered sensors among the ids: held ones at once, the others looked up in the table (once per retry interval).</summary>
    public async Task<IReadOnlyDictionary<string, Sensor>> FindAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, Sensor>(StringComparer.Ordinal);
        var lookUp = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var id in ids)
        {
            if (_sensors.TryGetValue(id, out var sensor))
            {
                found[id] = sensor;
            }
            else if (!(_unknownUntil.TryGetValue(id, out var until) && until > now))
            {
                lookUp.Add(id);
            }
        }

        if (lookUp.Count == 0)
        {
            return found;
        }

        var looked = new ConcurrentDictionary<string, Sensor>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(lookUp, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelLookups, CancellationToken = cancellationToken }, async (id, token) =>
        {
            if (await store.FindAsync(id, token) is { } sensor)
            {
                looked[id] = sensor;
            }
        });

        if (_unknownUntil.Count + lookUp.Count > options.Value.MaxUnknownRemembered)
        {
            _unknownUntil.Clear();
        }

        foreach (var id in lookUp)
        {
            if (looked.TryGetValue(id, out var sensor))
            {
                _sensors.TryAdd(id, sensor);
                found[id] = sensor;
            }
            else
            {
                _unknownUntil[id] = now + options.Value.UnknownRetryInterval;
            }
        }

        return found;
    }

    /// <summary>The rules in force for the sensor: its kind's defaults merged with its overrides.</summary>
    public IReadOnlyList<SensorRule> EffectiveRules(Sensor sensor) => Sensors.EffectiveRules.Of(sensor, kinds);

    public void Dispose() => _refreshing.Dispose();
}
