using System.Text;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>
/// The vehicle registry in Azure Tables, one row per vehicle in one partition (a city's fleets are thousands, read
/// whole into <see cref="VehicleRegistry"/>): its kind, unit, and its rules as a registry file of its own
/// (<see cref="VehicleRegistryFile.WriteOne"/>). Writing the same vehicles again leaves the same rows.
/// </summary>
public sealed class VehicleStore(TableServiceClient tables)
{
    public const string Partition = "vehicle";

    /// <summary>A table string property holds 64 KiB; a vehicle whose fences need more is refused on import.</summary>
    public const int MaxRulesBytes = 60 * 1024;

    private readonly TableClient _vehicles = tables.GetTableClient(TableNames.Vehicles);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _vehicles.CreateIfNotExistsAsync(cancellationToken);

    public static string RulesOf(Vehicle vehicle) => Encoding.UTF8.GetString(VehicleRegistryFile.WriteOne(vehicle));

    public async Task<int> WriteAsync(IReadOnlyList<Vehicle> vehicles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        foreach (var chunk in vehicles.Chunk(TrackStore.MaxTransactionRows))
        {
            await _vehicles.SubmitTransactionAsync(
                chunk.Select(v => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new VehicleRow
                {
                    PartitionKey = Partition, RowKey = v.VehicleId, Kind = v.KindName, Unit = v.Unit, Rules = RulesOf(v),
                })),
                cancellationToken);
        }

        return vehicles.Count;
    }

    /// <summary>Adds the vehicles that are missing and leaves those there as they are (an administrator's import wins over the sample).</summary>
    public async Task<int> SeedAsync(IReadOnlyList<Vehicle> vehicles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        var added = 0;
        foreach (var vehicle in vehicles)
        {
            try
            {
                await _vehicles.AddEntityAsync(
                    new VehicleRow { PartitionKey = Partition, RowKey = vehicle.VehicleId, Kind = vehicle.KindName, Unit = vehicle.Unit, Rules = RulesOf(vehicle) },
                    cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Already registered.
            }
        }

        return added;
    }

    public async Task<IReadOnlyList<VehicleRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = new List<VehicleRow>();
        await foreach (var row in _vehicles.QueryAsync<VehicleRow>(r => r.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}

public sealed class VehicleRow : ITableEntity
{
    public string PartitionKey { get; set; } = VehicleStore.Partition;

    /// <summary>The vehicle id.</summary>
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Kind { get; set; } = "";
    public string Unit { get; set; } = "";

    /// <summary>The vehicle as a registry file of its own, with the fences and schedules it names.</summary>
    public string Rules { get; set; } = "";
}
