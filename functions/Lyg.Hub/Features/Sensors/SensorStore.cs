using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// The sensor registry in the <c>Sensors</c> table: partition = the sensor's bucket (as in <c>SensorStates</c>), row =
/// its id, so a lookup is one point read and an import writes table transactions of up to 100 rows per bucket. Hosts
/// hold the registry in memory (<see cref="SensorRegistry"/>) and read here only what changed since their last look.
/// </summary>
public sealed class SensorStore
{
    private const int MaxParallelRequests = 8;

    private readonly TableClient _table;

    public SensorStore(TableServiceClient tables)
        : this(tables, TableNames.Sensors)
    {
    }

    /// <summary>A store over another table, so tests can each own a fresh one.</summary>
    internal SensorStore(TableServiceClient tables, string table)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(table);
    }

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Sensor?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!TelemetryDocument.IsSensorId(id))
        {
            return null;
        }

        var found = await _table.GetEntityIfExistsAsync<SensorRow>(ReadingStore.Shard(id), id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToSensor() : null;
    }

    /// <summary>Every sensor written at or after <paramref name="since"/> (all of them when null), with the newest write time seen.</summary>
    public async Task<(IReadOnlyList<Sensor> Sensors, DateTimeOffset? Newest)> ListChangedAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var filter = since is { } time ? TableClient.CreateQueryFilter($"Timestamp ge {time}") : null;
        var sensors = new List<Sensor>();
        DateTimeOffset? newest = null;
        await foreach (var row in _table.QueryAsync<SensorRow>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken))
        {
            sensors.Add(row.ToSensor());
            if (row.Timestamp > newest || newest is null)
            {
                newest = row.Timestamp;
            }
        }

        return (sensors, newest);
    }

    /// <summary>Writes the sensors, replacing what the registry held under their ids; others are left as they are.</summary>
    public async Task WriteAsync(IReadOnlyCollection<Sensor> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var batches = sensors.Select(SensorRow.From).GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(ReadingStore.MaxTransactionRows));
        await Parallel.ForEachAsync(
            batches, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (batch, token) => await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
    }

    /// <summary>Adds the sensors that are missing and never touches those present; the number added.</summary>
    public async Task<int> SeedAsync(IEnumerable<Sensor> sensors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var added = 0;
        foreach (var sensor in sensors)
        {
            try
            {
                await _table.AddEntityAsync(SensorRow.From(sensor), cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Already registered: an administrator's import wins over the sample.
            }
        }

        return added;
    }

    /// <summary>A sensor flattened into columns readable in Storage Explorer; the overrides as their JSON.</summary>
    private sealed class SensorRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }

        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string Grid { get; set; } = "";
        public string Community { get; set; } = "";
        public string CommunityName { get; set; } = "";
        public string Street { get; set; } = "";
        public string StreetName { get; set; } = "";
        public string District { get; set; } = "";
        public string DistrictName { get; set; } = "";
        public string? UnitCode { get; set; }
        public long IntervalSeconds { get; set; }
        public string Overrides { get; set; } = "[]";

        public static SensorRow From(Sensor sensor) => new()
        {
            PartitionKey = ReadingStore.Shard(sensor.Id),
            RowKey = sensor.Id,
            Kind = sensor.Kind,
            Name = sensor.Name,
            Latitude = sensor.Location.Lat,
            Longitude = sensor.Location.Lon,
            Grid = sensor.Place.Grid,
            Community = sensor.Place.Community.Code,
            CommunityName = sensor.Place.Community.Name,
            Street = sensor.Place.Street.Code,
            StreetName = sensor.Place.Street.Name,
            District = sensor.Place.District.Code,
            DistrictName = sensor.Place.District.Name,
            UnitCode = sensor.UnitCode,
            IntervalSeconds = (long)sensor.Interval.TotalSeconds,
            Overrides = JsonSerializer.Serialize(sensor.Overrides, SensorJsonContext.Default.IReadOnlyListSensorRuleOverride),
        };

        public Sensor ToSensor() => new(
            RowKey,
            Kind,
            Name,
            new GeoPoint(Latitude, Longitude),
            new GridLocation(Grid, new Place(Community, CommunityName), new Place(Street, StreetName), new Place(District, DistrictName)),
            UnitCode,
            TimeSpan.FromSeconds(IntervalSeconds),
            JsonSerializer.Deserialize(Overrides, SensorJsonContext.Default.IReadOnlyListSensorRuleOverride) ?? []) { RegisteredAt = Timestamp };
    }
}
