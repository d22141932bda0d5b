using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Auth;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Storage;

/// <summary>
/// The nonces machine clients have used, in the table every host shares, so a request replayed to another host is
/// refused as surely as one replayed to the same. One partition per client; the row key is the nonce's hash, so any
/// nonce characters are safe as a key. A nonce is needed only while its request's timestamp could still pass the
/// clock check, so the daily maintenance deletes those older than twice the allowed skew.
/// </summary>
public sealed class NonceStore(TableServiceClient tables, IOptions<SigningOptions> options, TimeProvider clock)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Nonces);

    /// <summary>
    /// Records the nonce for the client; false when it was recorded before. Insert-only: of two hosts racing with one
    /// nonce, storage lets exactly one insert it, and a retried insert that had landed is still this request's
    /// (<see cref="MarkedInserts"/>).
    /// </summary>
    public Task<bool> TryRecordAsync(string clientId, string nonce, CancellationToken cancellationToken) =>
        _table.TryAddAsync(new NonceEntity { PartitionKey = clientId, RowKey = RowKey(nonce), SeenAt = clock.GetUtcNow() }, cancellationToken);

    /// <summary>Deletes the nonces older than twice the skew and returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - 2 * options.Value.ClockSkew;
        var expired = _table.QueryAsync<NonceEntity>(
            TableClient.CreateQueryFilter($"SeenAt lt {cutoff}"), TablePages.MaxPageSize, select: ["PartitionKey", "RowKey"], cancellationToken);
        return await TableDeletes.DeleteEachAsync(_table, expired, cancellationToken);
    }

    /// <summary>The row key of a nonce: its lower-case hex SHA-256.</summary>
    public static string RowKey(string nonce) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    private sealed class NonceEntity : IMarkedEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public DateTimeOffset SeenAt { get; set; }
        public string? InsertMark { get; set; }
    }
}
