using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Storage;

/// <summary>
/// Reservations for requests that create a resource: the first request with a key reserves the resource id, and
/// every retry within the retention finds the same id, even if the first attempt died before finishing. An expired
/// reservation counts as absent (a key reused after the retention creates a new resource) and is deleted by the
/// daily maintenance.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient tables, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    private const string ReservationRow = "reservation";
    private const int MaxReserveAttempts = 5;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Idempotency);

    public async Task<Reservation?> FindAsync(RequestKey key, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(key, cancellationToken);
        return row is not null && !IsExpired(row, Cutoff()) ? row.ToReservation() : null;
    }

    /// <summary>Reserves <paramref name="resourceId"/> for the key, or returns the live reservation that got there first.</summary>
    public async Task<Reservation> ReserveAsync(RequestKey key, string resourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var fresh = new ReservationEntity
        {
            PartitionKey = key.KeyHash,
            RowKey = ReservationRow,
            ResourceId = resourceId,
            RequestHash = key.RequestHash,
            ReservedAt = clock.GetUtcNow(),
        };
        ReservationEntity? expired = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // An expired reservation is replaced under its ETag, so of two requests replacing it one wins.
                await (expired is null
                    ? _table.AddEntityAsync(fresh, cancellationToken)
                    : _table.UpdateEntityAsync(fresh, expired.ETag, TableUpdateMode.Replace, cancellationToken));
                return fresh.ToReservation();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxReserveAttempts)
            {
                // Another reservation got there first (409, 412), or the expired one was deleted meanwhile (404): look again.
            }

            var existing = await FindRowAsync(key, cancellationToken);
            if (existing is not null && !IsExpired(existing, Cutoff()))
            {
                return existing.ToReservation();
            }

            expired = existing;
        }
    }

    /// <summary>
    /// Withdraws the reservation of <paramref name="resourceId"/> for the key, when the request that made it was refused
    /// after reserving: a retry then starts afresh instead of finding a resource that was never made. A reservation of
    /// another resource, or one replaced meanwhile, stays.
    /// </summary>
    public async Task ReleaseAsync(RequestKey key, string resourceId, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(key, cancellationToken);
        if (row is null || row.ResourceId != resourceId)
        {
            return;
        }

        try
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone or replaced meanwhile: nothing of ours to withdraw.
        }
    }

    /// <summary>
    /// Deletes the reservations past the retention and returns how many. Each is deleted under its ETag, so one
    /// replaced by a fresh reservation meanwhile stays.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff();

        // Rows from before reservations carried their time are judged by their Timestamp; the table cannot test for a
        // missing property, so it selects either and the same test as FindAsync decides.
        var filter = TableClient.CreateQueryFilter($"ReservedAt lt {cutoff} or Timestamp lt {cutoff}");
        var expired = _table.QueryAsync<ReservationEntity>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken)
            .Where(row => IsExpired(row, cutoff));
        return await TableDeletes.DeleteEachAsync(_table, expired, cancellationToken);
    }

    private DateTimeOffset Cutoff() => clock.GetUtcNow() - options.Value.Retention;

    private static bool IsExpired(ReservationEntity row, DateTimeOffset cutoff) => (row.ReservedAt ?? row.Timestamp) < cutoff;

    private async Task<ReservationEntity?> FindRowAsync(RequestKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await _table.GetEntityIfExistsAsync<ReservationEntity>(key.KeyHash, ReservationRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private sealed class ReservationEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string ResourceId { get; set; } = "";
        public string RequestHash { get; set; } = "";

        /// <summary>When the reservation was made; null on rows written before reservations expired.</summary>
        public DateTimeOffset? ReservedAt { get; set; }

        public Reservation ToReservation() => new(ResourceId, RequestHash);
    }
}

public sealed record Reservation(string ResourceId, string RequestHash);
