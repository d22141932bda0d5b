using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Lyg.Hub.Storage;

/// <summary>
/// Readable, stable case ids: <c>LYG-yyyyMMdd-nnnnnn</c>, numbered per China Standard Time day by an optimistic
/// counter row (China has no daylight saving, so a fixed +08:00 offset is exact).
/// </summary>
public sealed class CaseNumberAllocator(TableServiceClient tables, TimeProvider clock)
{
    private const string IdPrefix = "LYG-";
    private const string CounterPartition = "case-number";
    private const int MaxAttempts = 20;
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private readonly TableClient _counters = tables.GetTableClient(TableNames.Counters);

    /// <summary>
    /// What every case id numbered on the China Standard Time day of <paramref name="instant"/> begins with. Ids sort by
    /// day, so a range of them is a range of days (and of partitions of the Cases table).
    /// </summary>
    public static string DayPrefix(DateTimeOffset instant) => IdPrefix + DayOf(instant);

    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var day = DayOf(clock.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var found = await _counters.GetEntityIfExistsAsync<TableEntity>(CounterPartition, day, cancellationToken: cancellationToken);
                long number;
                if (found.HasValue && found.Value is { } counter)
                {
                    number = counter.GetInt64("Next") ?? 1;
                    counter["Next"] = number + 1;
                    await _counters.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    number = 1;
                    await _counters.AddEntityAsync(new TableEntity(CounterPartition, day) { ["Next"] = 2L }, cancellationToken);
                }

                return $"{IdPrefix}{day}-{number:D6}";
            }
            catch (RequestFailedException ex) when ((ex.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Another intake took this number first; read the counter again.
            }
        }
    }

    private static string DayOf(DateTimeOffset instant) => instant.ToOffset(ChinaStandardTime).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
