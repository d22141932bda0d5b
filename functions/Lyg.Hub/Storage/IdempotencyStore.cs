using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>
/// Reservations for requests that create a resource: the first request with a key reserves the resource id, and
/// every retry finds the same id, even if the first attempt died before finishing.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables)
{
    private const string ReservationRow = "reservation";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Idempotency);

    public async Task<Reservation?> FindAsync(RequestKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await _table.GetEntityIfExistsAsync<ReservationEntity>(key.KeyHash, ReservationRow, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? new Reservation(row.ResourceId, row.RequestHash) : null;
    }

    /// <summary>Reserves <paramref name="resourceId"/> for the key, or returns the reservation that got there first.</summary>
    public async Task<Reservation> ReserveAsync(RequestKey key, string resourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await _table.AddEntityAsync(
                new ReservationEntity { PartitionKey = key.KeyHash, RowKey = ReservationRow, ResourceId = resourceId, RequestHash = key.RequestHash },
                cancellationToken);
            return new Reservation(resourceId, key.RequestHash);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await FindAsync(key, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency reservation vanished while it was read.", ex);
        }
    }

    private sealed class ReservationEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string ResourceId { get; set; } = "";
        public string RequestHash { get; set; } = "";
    }
}

public sealed record Reservation(string ResourceId, string RequestHash);
