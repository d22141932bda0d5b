using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Tests.Support;

/// <summary>
/// The private Azurite's tables behind a seam: every string query's filter and the rows its responses carried are
/// recorded, and responses can be cut to at most <see cref="MaxRowsPerResponse"/> rows, as the real service cuts them
/// at partition boundaries or after 5 s (with a continuation token).
/// </summary>
public sealed class RecordingTables : TableServiceClient
{
    private readonly string _connectionString;
    private readonly ConcurrentQueue<string?> _filters = new();
    private int _rowsRead;

    public RecordingTables(string connectionString)
        : base(connectionString)
    {
        _connectionString = connectionString;
    }

    public int? MaxRowsPerResponse { get; init; }

    /// <summary>A continuation token the service answers 400 to, as Azure Tables does to one it never issued.</summary>
    public string? RefusedToken { get; init; }

    public IReadOnlyList<string?> Filters => [.. _filters];

    public int RowsRead => Volatile.Read(ref _rowsRead);

    /// <summary>The page size the service would answer to one asked for (none asked keeps the query's own).</summary>
    private int? Cut(int? asked) => asked is { } size && MaxRowsPerResponse is { } most ? Math.Min(size, most) : asked;

    public override TableClient GetTableClient(string tableName) => new RecordingTableClient(_connectionString, tableName, this);

    private sealed class RecordingTableClient(string connectionString, string tableName, RecordingTables tables) : TableClient(connectionString, tableName)
    {
        public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        {
            tables._filters.Enqueue(filter);
            return new CountingPageable<T>(base.QueryAsync<T>(filter, tables.Cut(maxPerPage) ?? tables.MaxRowsPerResponse, select, cancellationToken), tables);
        }
    }

    private sealed class CountingPageable<T>(AsyncPageable<T> inner, RecordingTables tables) : AsyncPageable<T>
        where T : notnull
    {
        public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            if (continuationToken is not null && continuationToken == tables.RefusedToken)
            {
                throw new RequestFailedException(400, "One of the request inputs is not valid.", "InvalidInput", null);
            }

            await foreach (var page in inner.AsPages(continuationToken, tables.Cut(pageSizeHint)))
            {
                Interlocked.Add(ref tables._rowsRead, page.Values.Count);
                yield return page;
            }
        }
    }
}
