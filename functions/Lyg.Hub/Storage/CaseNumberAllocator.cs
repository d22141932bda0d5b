using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Storage;

/// <summary>
/// Readable, stable case ids: <c>LYG-yyyyMMdd-nnnnnn</c>, numbered per China Standard Time day (China has no daylight
/// saving, so a fixed +08:00 offset is exact). Each host takes a block of numbers from the day's counter row under its
/// ETag and hands them out from memory, so an alert storm does not queue every intake on one hot row: the row is
/// written once per block, not once per case. Numbers a host held when it stopped are never used (ids have gaps), and
/// ids from two hosts interleave; neither matters to an id's purpose, which is to be unique and readable.
/// </summary>
public sealed class CaseNumberAllocator(TableServiceClient tables, IOptions<CaseNumberOptions> options, TimeProvider clock)
{
    private const string IdPrefix = "LYG-";
    private const string CounterPartition = "case-number";
    private const int MaxAttempts = 20;
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private readonly TableClient _counters = tables.GetTableClient(TableNames.Counters);
    private readonly Lock _gate = new();
    private NumberBlock _block = new("", 0, 0);
    private Task<NumberBlock>? _refilling;

    /// <summary>
    /// What every case id numbered on the China Standard Time day of <paramref name="instant"/> begins with. Ids sort by
    /// day, so a range of them is a range of days (and of partitions of the Cases table).
    /// </summary>
    public static string DayPrefix(DateTimeOffset instant) => IdPrefix + DayOf(instant);

    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var day = DayOf(clock.GetUtcNow());
        while (true)
        {
            if (Volatile.Read(ref _block).TryTake(day) is { } number)
            {
                return Format(day, number);
            }

            // Every intake that finds the block used up waits for the same refill.
            Task<NumberBlock> refill;
            lock (_gate)
            {
                refill = _refilling ??= RefillAsync(day);
            }

            try
            {
                await refill.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    if (_refilling == refill && refill.IsCompleted)
                    {
                        _refilling = null;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Shared by the intakes waiting for it, so no one caller's cancellation stops it; the storage clients' retry budget
    /// bounds it.
    /// </summary>
    private async Task<NumberBlock> RefillAsync(string day)
    {
        var size = options.Value.BlockSize;
        var first = await ReserveBlockAsync(day, size, CancellationToken.None);
        var block = new NumberBlock(day, first, first + size);
        Volatile.Write(ref _block, block);
        return block;
    }

    /// <summary>Moves the day's counter on by <paramref name="size"/> and returns the first number of the block it passed.</summary>
    private async Task<long> ReserveBlockAsync(string day, int size, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var found = await _counters.GetEntityIfExistsAsync<TableEntity>(CounterPartition, day, cancellationToken: cancellationToken);
                if (found.HasValue && found.Value is { } counter)
                {
                    var first = counter.GetInt64("Next") ?? 1;
                    counter["Next"] = first + size;
                    await _counters.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken);
                    return first;
                }

                await _counters.AddEntityAsync(new TableEntity(CounterPartition, day) { ["Next"] = 1L + size }, cancellationToken);
                return 1;
            }
            catch (RequestFailedException ex) when ((ex.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Another host took a block first; read the counter again.
            }
        }
    }

    private static string Format(string day, long number) => $"{IdPrefix}{day}-{number:D6}";

    private static string DayOf(DateTimeOffset instant) => instant.ToOffset(ChinaStandardTime).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Numbers [next, end) of one day; taken without a lock by incrementing the shared cursor.</summary>
    private sealed class NumberBlock(string day, long first, long end)
    {
        private long _next = first;

        public long? TryTake(string today)
        {
            if (today != day)
            {
                return null;
            }

            var number = Interlocked.Increment(ref _next) - 1;
            return number < end ? number : null;
        }
    }
}
