using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>The clean-up of expired rows the daily maintenance does on several tables.</summary>
public static class TableDeletes
{
    private const int MaxParallelDeletes = 8;

    /// <summary>
    /// Deletes each row under the ETag it was read with, a few at a time, and returns how many went. A row gone already
    /// (another host's maintenance) or changed since it was read (a fresh write reusing its key) stays uncounted.
    /// </summary>
    public static async Task<int> DeleteEachAsync<T>(TableClient table, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        var deleted = 0;
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelDeletes, CancellationToken = cancellationToken },
            async (row, token) =>
            {
                try
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, token);
                    Interlocked.Increment(ref deleted);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Gone already, or replaced since it was read.
                }
            });
        return deleted;
    }
}
