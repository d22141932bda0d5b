using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// Vehicle tracks and latest positions in Azure Tables, written in batches as readings are: table
/// transactions of up to 100 rows per partition, a partition per vehicle and UTC day, newest first, a row per
/// (vehicle, time), so a replayed batch writes the same rows; the latest position only moves forward in time, checked
/// by ETag, so a late or replayed position never replaces a newer one.
/// </summary>
public sealed class TrackStore(TableServiceClient tables)
{
    /// <summary>A track is read an hour at a time: a page costs at most one hour of rows beyond what it returns.</summary>
    public static readonly TimeSpan ReadSlice = TimeSpan.FromHours(1);

    /// <summary>Most rows in one table transaction.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>Partitions of <see cref="TableNames.VehiclePositions"/>: enough for parallel writes, few enough that a batch's vehicles share them.</summary>
    public const int LatestPartitions = 16;

    private const int MaxParallelTransactions = 8;
    private const int MaxLatestAttempts = 3;
    private const int KeysPerQuery = 20;

    private readonly TableClient _tracks = tables.GetTableClient(TableNames.VehicleTracks);
    private readonly TableClient _latest = tables.GetTableClient(TableNames.VehiclePositions);

    public static string TrackPartition(string vehicleId, DateTimeOffset observedAt) =>
        $"{vehicleId}|{observedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Newest first within the day: ticks counted down from the end of time.</summary>
    public static string TrackRowKey(DateTimeOffset observedAt) =>
        StableKeys.NewestFirst(observedAt);

    /// <summary>A stable bucket of the vehicle id.</summary>
    public static string LatestPartition(string vehicleId) => StableKeys.Bucket(vehicleId, LatestPartitions);

    public async Task StoreAsync(IReadOnlyList<VehiclePosition> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positions);
        // One row per (vehicle, time): a transaction may not name a row twice, and the last one given wins.
        var rows = positions
            .GroupBy(p => (p.VehicleId, p.ObservedAt.UtcTicks))
            .Select(g => Row(g.Last(), TrackPartition(g.Key.VehicleId, g.Last().ObservedAt), TrackRowKey(g.Last().ObservedAt)))
            .ToList();
        await Parallel.ForEachAsync(
            rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await _tracks.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));

        var latest = positions.GroupBy(p => p.VehicleId, StringComparer.Ordinal).Select(g => g.MaxBy(p => p.ObservedAt)!);
        await Parallel.ForEachAsync(
            latest.GroupBy(p => LatestPartition(p.VehicleId), StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransactionRows)).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (chunk, token) => await MoveLatestAsync(LatestPartition(chunk[0].VehicleId), chunk, token));
    }

    public async Task<PositionRow?> FindLatestAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var found = await _latest.GetEntityIfExistsAsync<PositionRow>(LatestPartition(vehicleId), vehicleId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<PositionRow>> ReadAllLatestAsync(CancellationToken cancellationToken)
    {
        var rows = new List<PositionRow>();
        await foreach (var row in _latest.QueryAsync<PositionRow>(cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> points of the vehicle from <paramref name="from"/> (included) to
    /// <paramref name="to"/> (excluded) in time order, read slice by slice from the oldest, and whether more follow.
    /// </summary>
    public async Task<(IReadOnlyList<PositionRow> Points, bool More)> ReadTrackAsync(
        string vehicleId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        var points = new List<PositionRow>();
        for (var start = from; start < to; start += ReadSlice)
        {
            var end = start + ReadSlice < to ? start + ReadSlice : to;
            var slice = new List<PositionRow>();
            foreach (var day in Days(start, end))
            {
                // Newest first: a time in [start, end) has a key in (key(end), key(start)].
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {TrackPartition(vehicleId, day)} and RowKey gt {TrackRowKey(end)} and RowKey le {TrackRowKey(start)}");
                await foreach (var row in _tracks.QueryAsync<PositionRow>(filter, cancellationToken: cancellationToken))
                {
                    slice.Add(row);
                }
            }

            foreach (var row in slice.OrderBy(r => r.ObservedAt))
            {
                if (points.Count == limit)
                {
                    return (points, true);
                }

                points.Add(row);
            }
        }

        return (points, false);
    }

    private static IEnumerable<DateTimeOffset> Days(DateTimeOffset start, DateTimeOffset end)
    {
        var last = end.AddTicks(-1).UtcDateTime.Date;
        for (var day = start.UtcDateTime.Date; day <= last; day = day.AddDays(1))
        {
            yield return new DateTimeOffset(day, TimeSpan.Zero);
        }
    }

    private static PositionRow Row(VehiclePosition position, string partition, string rowKey) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        VehicleId = position.VehicleId,
        ObservedAt = position.ObservedAt,
        Lat = position.Point.Lat,
        Lon = position.Point.Lon,
        Speed = position.Speed,
        Heading = position.Heading,
    };

    private async Task MoveLatestAsync(string partition, VehiclePosition[] latest, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadLatestAsync(partition, latest.Select(p => p.VehicleId), cancellationToken);
            var actions = new List<TableTransactionAction>();
            foreach (var position in latest)
            {
                stored.TryGetValue(position.VehicleId, out var row);
                if (row is not null && row.ObservedAt >= position.ObservedAt)
                {
                    continue;
                }

                var next = Row(position, partition, position.VehicleId);
                actions.Add(row is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, row.ETag));
            }

            if (actions.Count is 0)
            {
                return;
            }

            try
            {
                await _latest.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxLatestAttempts)
            {
                // Another writer moved one of these vehicles since they were read: read again and decide again.
            }
        }
    }

    private async Task<Dictionary<string, PositionRow>> ReadLatestAsync(string partition, IEnumerable<string> vehicleIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PositionRow>(StringComparer.Ordinal);
        foreach (var keys in vehicleIds.Chunk(KeysPerQuery))
        {
            var filter = $"PartitionKey eq '{partition}' and ({string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
            await foreach (var row in _latest.QueryAsync<PositionRow>(filter, cancellationToken: cancellationToken))
            {
                found[row.RowKey] = row;
            }
        }

        return found;
    }
}

/// <summary>A point of a track, or (in <see cref="TableNames.VehiclePositions"/>, keyed by vehicle id) a vehicle's latest position; WGS84.</summary>
public sealed class PositionRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string VehicleId { get; set; } = "";
    public DateTimeOffset ObservedAt { get; set; }
    public double Lat { get; set; }
    public double Lon { get; set; }
    public double? Speed { get; set; }
    public double? Heading { get; set; }
}
