using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Storage;

/// <summary>The paging helper over a table of its own: rows "r00".."r19" in one partition, every fifth one kept.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class TablePagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RecordingTables _tables = new(azurite.ConnectionString) { MaxRowsPerResponse = 3 };
    private readonly string _name = "Pages" + Guid.NewGuid().ToString("N")[..12];
    private TableClient _table = null!;

    public async Task InitializeAsync()
    {
        _table = _tables.GetTableClient(_name);
        await _table.CreateIfNotExistsAsync();
        await _table.SubmitTransactionAsync(
            Enumerable.Range(0, 20).Select(i => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity("p", $"r{i:D2}") { ["Kept"] = i % 5 == 0 })));
    }

    public Task DisposeAsync() => _table.DeleteAsync();

    [Fact]
    public async Task A_token_the_table_refuses_is_the_callers_bad_input_naming_the_field()
    {
        var refusing = new RecordingTables(azurite.ConnectionString) { RefusedToken = "not-a-token" };

        var ex = await Assert.ThrowsAsync<Lyg.Hub.Api.InputRejectedException>(() =>
            refusing.GetTableClient(_name).ReadPageAsync<TableEntity>("PartitionKey eq 'p'", 5, "not-a-token", null, CancellationToken.None));

        Assert.Equal("continuationToken", ex.Field);
    }

    [Fact]
    public async Task A_predicate_is_applied_inside_the_loop_so_pages_stay_full()
    {
        var (first, token) = await ReadAsync(limit: 2, null, Kept);
        var (second, more) = await ReadAsync(limit: 2, token, Kept);

        // A full page cannot know whether rows after it match: the last page may come back empty.
        var (last, end) = await ReadAsync(limit: 2, more, Kept);

        Assert.Equal(["r00", "r05"], first);
        Assert.Equal(["r10", "r15"], second);
        Assert.Empty(last);
        Assert.Null(end);
    }

    [Fact]
    public async Task A_spent_budget_ends_the_page_after_one_request_with_a_token_that_goes_on()
    {
        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var (rows, next) = await _table.ReadPageAsync<TableEntity>("PartitionKey eq 'p'", 4, token, Kept, TimeSpan.Zero, CancellationToken.None);
            Assert.InRange(rows.Count, 0, 1);
            listed.AddRange(rows.Select(r => r.RowKey));
            token = next;
            pages++;
        }
        while (token is not null && pages < 30);

        Assert.Null(token);
        Assert.Equal(["r00", "r05", "r10", "r15"], listed);
    }

    [Fact]
    public async Task A_cancelled_request_stops_reading()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _table.ReadPageAsync<TableEntity>("PartitionKey eq 'p'", 4, null, null, cancelled.Token));
    }

    [Fact]
    public async Task No_page_holds_more_rows_than_its_limit()
    {
        var tables = new RecordingTables(azurite.ConnectionString);
        var (rows, token) = await tables.GetTableClient(_name).ReadPageAsync<TableEntity>("PartitionKey eq 'p'", 7, null, null, CancellationToken.None);

        Assert.Equal(7, rows.Count);
        Assert.Equal(7, tables.RowsRead);
        Assert.NotNull(token);
    }

    private static bool Kept(TableEntity row) => row.GetBoolean("Kept") == true;

    private async Task<(IReadOnlyList<string> RowKeys, string? ContinuationToken)> ReadAsync(int limit, string? token, Func<TableEntity, bool> keep)
    {
        var (rows, next) = await _table.ReadPageAsync("PartitionKey eq 'p'", limit, token, keep, CancellationToken.None);
        return ([.. rows.Select(r => r.RowKey)], next);
    }
}
