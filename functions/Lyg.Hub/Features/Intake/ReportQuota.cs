using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Intake;

/// <summary>How many reports a citizen may file (section <c>ReportLimits</c>).</summary>
public sealed class ReportQuotaOptions
{
    public const string Section = "ReportLimits";

    /// <summary>Reports a citizen may file per window; the next is answered 429 until the window ends.</summary>
    [Range(1, 100_000)]
    public int PerCitizen { get; set; } = 20;

    /// <summary>The counting window: fixed windows aligned to UTC (an hour by default), so every host counts in the same rows.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Whether a report may be filed now; when not, how long until it may.</summary>
public sealed record QuotaDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Per-citizen report counts in storage, so the limit holds across hosts and Functions instances: one row per citizen
/// and window, incremented under its ETag (two hosts taking the last report of a window cannot both get it). The
/// partition is a hash of issuer and subject, so the table holds no identities. Old windows are deleted by the daily
/// maintenance.
/// </summary>
public sealed class ReportQuota(TableServiceClient tables, IOptions<ReportQuotaOptions> options, TimeProvider clock)
{
    private const int MaxAttempts = 8;
    private static readonly TimeSpan ContendedRetryAfter = TimeSpan.FromSeconds(1);

    private readonly TableClient _table = tables.GetTableClient(TableNames.ReportQuotas);

    /// <summary>Counts one report of <paramref name="reporter"/> in the current window, unless the window is full.</summary>
    public async Task<QuotaDecision> TryTakeAsync(IntakeReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % settings.Window.Ticks), TimeSpan.Zero);
        var partition = PartitionOf(reporter);
        var row = windowStart.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var found = await _table.GetEntityIfExistsAsync<QuotaEntity>(partition, row, cancellationToken: cancellationToken);
            var count = found.HasValue ? found.Value!.Count : 0;
            if (count >= settings.PerCitizen)
            {
                return new QuotaDecision(false, windowStart + settings.Window - now);
            }

            var next = new QuotaEntity { PartitionKey = partition, RowKey = row, Count = count + 1, WindowEnd = windowStart + settings.Window };
            try
            {
                await (found.HasValue
                    ? _table.UpdateEntityAsync(next, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(next, cancellationToken));
                return new QuotaDecision(true, TimeSpan.Zero);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another report of the same citizen counted first: read the count again. A citizen who keeps losing
                // that race is sending many reports at once, and is asked to slow down rather than failed.
                if (attempt == MaxAttempts)
                {
                    return new QuotaDecision(false, ContendedRetryAfter);
                }
            }
        }
    }

    /// <summary>Deletes the rows of windows that have ended; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"WindowEnd lt {clock.GetUtcNow()}");
        var ended = _table.QueryAsync<QuotaEntity>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken);
        return await TableDeletes.DeleteEachAsync(_table, ended, cancellationToken);
    }

    private static string PartitionOf(IntakeReporter reporter) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reporter.Issuer}\n{reporter.Subject}")));

    private sealed class QuotaEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public int Count { get; set; }
        public DateTimeOffset WindowEnd { get; set; }
    }
}
