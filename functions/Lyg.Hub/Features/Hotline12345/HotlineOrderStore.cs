using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// What the hub knows of one 12345 work order, in table <see cref="TableNames.HotlineOrders"/>: partition the client
/// id (a work-order number is unique only within its 12345 system), row the number. It maps the order to its case for
/// as long as the case lives (report keys expire after <c>Idempotency:Retention</c>; 12345 pushes, urges and calls back
/// for weeks), holds the caller sealed (<see cref="PersonalDataProtector"/>), and what earlier pushes brought, so a
/// repeat changes nothing and a later push adds only what is new.
/// </summary>
internal sealed class HotlineOrderRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CaseId { get; set; } = "";
    /// <summary>The latest caller, sealed; null when no push named one.</summary>
    public string? Caller { get; set; }
    /// <summary>The details of the latest push taken, as JSON (<see cref="HotlineOrderDetails"/>).</summary>
    public string Details { get; set; } = "";
    /// <summary>JSON array of the hashes of every push taken: a push seen before changes nothing.</summary>
    public string SeenPushes { get; set; } = "[]";
    /// <summary>JSON array of the urgings already on the timeline, by their key.</summary>
    public string Urgings { get; set; } = "[]";
    /// <summary>The latest <c>updatedAt</c> a push carried: an older push is stale.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class HotlineOrderStore(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.HotlineOrders);

    internal async Task<HotlineOrderRow?> FindAsync(string clientId, string workOrderNo, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<HotlineOrderRow>(clientId, workOrderNo, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>False when another push recorded the order first.</summary>
    internal async Task<bool> TryAddAsync(HotlineOrderRow row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>False when another push changed the order since <paramref name="row"/> was read.</summary>
    internal async Task<bool> TryReplaceAsync(HotlineOrderRow row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>A hex SHA-256, for push hashes and the keys of timeline entries.</summary>
    internal static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
