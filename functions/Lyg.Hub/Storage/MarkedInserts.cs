using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>A row inserted at most once, that can tell its own insert from another writer's.</summary>
public interface IMarkedEntity : ITableEntity
{
    /// <summary>Set by <see cref="MarkedInserts.TryAddAsync"/>: a mark of the one insert that wrote the row.</summary>
    string? InsertMark { get; set; }
}

/// <summary>
/// Insert-only writes that survive the SDK's retries. A try that timed out after storage had committed it is retried,
/// and the retry answers 409 as if another writer had been first; an insert whose outcome decides something (a nonce
/// seen before is a replay) must not take its own earlier try for a rival. Each insert carries a fresh mark, and a
/// 409 reads the row's mark back: the row is ours when the marks match.
/// </summary>
public static class MarkedInserts
{
    /// <summary>Inserts the row; false when another writer's insert of it came first.</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken)
        where T : class, IMarkedEntity, new()
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entity);
        entity.InsertMark = Guid.NewGuid().ToString("N");
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await table.GetEntityIfExistsAsync<T>(entity.PartitionKey, entity.RowKey, [nameof(IMarkedEntity.InsertMark)], cancellationToken);
            return stored.HasValue && stored.Value!.InsertMark == entity.InsertMark;
        }
    }
}
