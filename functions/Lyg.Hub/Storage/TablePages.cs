using System.Diagnostics;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>
/// Pages of a table list for the API: a page holds <c>limit</c> rows unless the table has no more, whatever the
/// service returns per request (it may answer short or empty pages with a continuation token at partition boundaries,
/// after 5 s or at 1,000 rows). Each request asks for at most the rows still missing, so every row read is either
/// returned or dropped by the predicate, and the service's continuation token resumes right after the last one read:
/// following it repeats and skips nothing.
/// </summary>
internal static class TablePages
{
    /// <summary>Most rows Azure Tables returns in one response.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// How long one page keeps asking the table for more: with the last request (up to the service's own 5 s) it stays
    /// inside a request's budget of about 10 s. A page cut short by it still carries the token to go on.
    /// </summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Up to <paramref name="limit"/> rows matching <paramref name="filter"/> (and <paramref name="keep"/>, for what the
    /// filter cannot say) from where <paramref name="continuationToken"/> left off, with the token of the next page:
    /// null when the table has no more rows.
    /// </summary>
    public static Task<(IReadOnlyList<TRow> Rows, string? ContinuationToken)> ReadPageAsync<TRow>(
        this TableClient table, string filter, int limit, string? continuationToken, Func<TRow, bool>? keep, CancellationToken cancellationToken)
        where TRow : class, ITableEntity =>
        ReadPageAsync(table, filter, limit, continuationToken, keep, ReadBudget, cancellationToken);

    /// <inheritdoc cref="ReadPageAsync{TRow}(TableClient, string, int, string?, Func{TRow, bool}?, CancellationToken)"/>
    internal static async Task<(IReadOnlyList<TRow> Rows, string? ContinuationToken)> ReadPageAsync<TRow>(
        this TableClient table, string filter, int limit, string? continuationToken, Func<TRow, bool>? keep, TimeSpan budget, CancellationToken cancellationToken)
        where TRow : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var rows = new List<TRow>(limit);
        var token = continuationToken;
        var started = Stopwatch.GetTimestamp();
        do
        {
            // The page size goes as maxPerPage only: a page size hint given to AsPages would override it.
            var remaining = limit - rows.Count;
            var (values, next) = await ReadOneAsync(table.QueryAsync<TRow>(filter, remaining, cancellationToken: cancellationToken), token, token == continuationToken, cancellationToken);
            if (values.Count > remaining)
            {
                throw new InvalidOperationException($"The table answered {values.Count} rows where {remaining} were asked; a page would overflow its limit.");
            }

            rows.AddRange(keep is null ? values : values.Where(keep));
            token = next;
        }
        while (token is not null && rows.Count < limit && Stopwatch.GetElapsedTime(started) < budget);

        return (rows, token);
    }

    /// <param name="fromCaller">The token is the caller's, not one the table just returned: a refusal of it is the caller's 400.</param>
    private static async Task<(IReadOnlyList<TRow> Values, string? ContinuationToken)> ReadOneAsync<TRow>(
        Azure.AsyncPageable<TRow> query, string? continuationToken, bool fromCaller, CancellationToken cancellationToken)
        where TRow : notnull
    {
        try
        {
            await foreach (var page in query.AsPages(continuationToken).WithCancellation(cancellationToken))
            {
                return (page.Values, page.ContinuationToken);
            }
        }
        catch (Exception ex) when (fromCaller && continuationToken is not null && ex is Azure.RequestFailedException { Status: 400 } or FormatException or ArgumentException)
        {
            throw new Api.InputRejectedException("continuationToken", "Not a token this list returned; pass back the continuationToken of the previous page unchanged.", ex);
        }

        return ([], null);
    }
}
