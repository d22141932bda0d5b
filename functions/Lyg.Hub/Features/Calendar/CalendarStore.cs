using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Time;

namespace Lyg.Hub.Features.Calendar;

/// <summary>A calendar year an administrator loaded, with who loaded it and when.</summary>
public sealed record LoadedCalendarYear(CalendarYear Year, string LoadedBy, DateTimeOffset LoadedAt);

/// <summary>
/// Years loaded through PUT v1/calendar/{year}, one row per year in one partition, so every host reads them all in one
/// small query. A year saved again replaces the row whole.
/// </summary>
public sealed class CalendarStore
{
    private const string Partition = "year";
    private const string DateFormat = "yyyy-MM-dd";

    private readonly TableClient _years;

    public CalendarStore(TableServiceClient tables)
        : this(tables, TableNames.Calendar)
    {
    }

    /// <summary>A store over another table, so tests can each own a fresh one.</summary>
    internal CalendarStore(TableServiceClient tables, string tableName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _years = tables.GetTableClient(tableName);
    }

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _years.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Stores the year, replacing what was loaded for it before; true when the year was not loaded yet.</summary>
    public async Task<bool> SaveAsync(LoadedCalendarYear loaded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var row = new CalendarYearRow
        {
            PartitionKey = Partition,
            RowKey = RowKeyOf(loaded.Year.Year),
            Holidays = Join(loaded.Year.Holidays),
            MakeUpWorkingDays = Join(loaded.Year.MakeUpWorkingDays),
            LoadedBy = loaded.LoadedBy,
            LoadedAt = loaded.LoadedAt,
        };
        try
        {
            await _years.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await _years.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return false;
        }
    }

    public async Task<LoadedCalendarYear?> FindAsync(int year, CancellationToken cancellationToken)
    {
        var found = await _years.GetEntityIfExistsAsync<CalendarYearRow>(Partition, RowKeyOf(year), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? ToLoaded(row) : null;
    }

    /// <summary>Every loaded year, in year order.</summary>
    public async Task<IReadOnlyList<LoadedCalendarYear>> ListAsync(CancellationToken cancellationToken)
    {
        var years = new List<LoadedCalendarYear>();
        await foreach (var row in _years.QueryAsync<CalendarYearRow>(r => r.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            years.Add(ToLoaded(row));
        }

        return years;
    }

    private static string RowKeyOf(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<DateOnly> days) => string.Join(',', days.Select(d => d.ToString(DateFormat, CultureInfo.InvariantCulture)));

    private static DateOnly[] Split(string days) =>
        [.. days.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, DateFormat, CultureInfo.InvariantCulture))];

    private static LoadedCalendarYear ToLoaded(CalendarYearRow row) => new(
        new CalendarYear(int.Parse(row.RowKey, CultureInfo.InvariantCulture), Split(row.Holidays), Split(row.MakeUpWorkingDays)),
        row.LoadedBy,
        row.LoadedAt);
}

/// <summary>One loaded year; dates as comma-separated ISO dates, readable in Storage Explorer.</summary>
internal sealed class CalendarYearRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Holidays { get; set; } = "";
    public string MakeUpWorkingDays { get; set; } = "";
    public string LoadedBy { get; set; } = "";
    public DateTimeOffset LoadedAt { get; set; }
}
