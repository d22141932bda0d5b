using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Orchestrations.Geo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Duplicates;

/// <summary>
/// Finds the open cases a new report likely duplicates (并单, ADR 0020): of the same category code, reported within
/// <see cref="DuplicateOptions.Window"/> and lying within <see cref="DuplicateOptions.RadiusMetres"/>. Reports are
/// indexed in the <c>DuplicateIndex</c> table by category and by a cell of a fixed degree grid whose side is twice the
/// radius of latitude, so a lookup reads only the cells the radius can reach (four to six at Lianyungang's latitude) at
/// any number of cases, never the Cases table. An index row is written before its case (like an outbox pointer) and is never trusted
/// alone: every candidate's case row is read, and one not found, no longer open or recategorised is left out, so rows
/// of cases that closed, were voided or merged are ignored until the daily maintenance deletes them after the window.
/// The lookup is bounded by <see cref="DuplicateOptions.LookupTimeout"/> and never fails an intake: when storage fails or
/// is slow the report is taken unflagged, with a log line and <c>lyg.duplicates.lookup_failures</c>.
/// </summary>
public sealed partial class DuplicateIndex(
    TableServiceClient tables, CaseStore cases, IOptions<DuplicateOptions> options, TimeProvider clock, ILogger<DuplicateIndex> logger)
{
    /// <summary>Metres per degree of latitude (WGS84 mean), to size cells in degrees.</summary>
    private const double MetresPerDegreeLatitude = 111_320;

    /// <summary>A cell's side in radii: two makes the circle reach two or three cells each way, fewer reads than one.</summary>
    private const double CellRadii = 2;

    /// <summary>Slack around the radius for the cells read, so a point on a cell's edge is never missed by rounding.</summary>
    private const double CellMarginMetres = 1;

    private readonly TableClient _index = tables.GetTableClient(TableNames.DuplicateIndex);

    /// <summary>
    /// Indexes <paramref name="newCase"/> and answers the open cases it likely duplicates, nearest first; empty for a
    /// report without a category, and when the lookup fails or runs out of time.
    /// </summary>
    public async Task<IReadOnlyList<LikelyDuplicate>> IndexAndFindAsync(NewCase newCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        if (newCase.CategoryCode is not { } category)
        {
            return [];
        }

        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.LookupTimeout);
        try
        {
            var indexed = _index.UpsertEntityAsync(RowOf(newCase, category, settings), TableUpdateMode.Replace, budget.Token);
            var found = await FindAsync(newCase, category, settings, budget.Token);
            await indexed;
            if (found.Count > 0)
            {
                HubMetrics.DuplicatesFlagged();
            }

            return found;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            HubMetrics.DuplicateLookupFailed();
            LogLookupFailed(logger, ex, newCase.CaseId);
            return [];
        }
    }

    /// <summary>Deletes the index rows of reports older than the window, which no lookup reads again; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"ReportedAt lt {clock.GetUtcNow() - options.Value.Window}");
        var expired = _index.QueryAsync<IndexRow>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken);
        return await TableDeletes.DeleteEachAsync(_index, expired, cancellationToken);
    }

    private async Task<IReadOnlyList<LikelyDuplicate>> FindAsync(NewCase newCase, string category, DuplicateOptions settings, CancellationToken cancellationToken)
    {
        var since = newCase.ReportedAt - settings.Window;
        var cells = await Task.WhenAll(CellsNear(newCase.Location, settings.RadiusMetres).Select(cell => ReadCellAsync(category, cell, settings, since, cancellationToken)));
        var near = cells.SelectMany(rows => rows)
            .Where(row => row.RowKey != newCase.CaseId && row.ReportedAt <= newCase.ReportedAt)
            .Select(row => new LikelyDuplicate(row.RowKey, Math.Round(newCase.Location.DistanceTo(new GeoPoint(row.Latitude, row.Longitude)), 1)))
            .Where(d => d.DistanceMetres <= settings.RadiusMetres)
            .OrderBy(d => d.DistanceMetres).ThenBy(d => d.CaseId, StringComparer.Ordinal)
            .Take(settings.MaxFlagged)
            .ToList();

        // The index says where a case was reported, not whether it is still open: its own row says that.
        var facts = await Task.WhenAll(near.Select(d => cases.FindFactsAsync(d.CaseId, cancellationToken)));
        return [.. near.Where((_, i) => facts[i] is { IsFinished: false } open && open.CategoryCode == category)];
    }

    private async Task<IReadOnlyList<IndexRow>> ReadCellAsync(string category, (long Row, long Column) cell, DuplicateOptions settings, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(category, cell, settings)} and ReportedAt ge {since}");
        var (rows, _) = await _index.ReadPageAsync<IndexRow>(filter, TablePages.MaxPageSize, null, null, cancellationToken);
        return rows;
    }

    /// <summary>
    /// The cells of the degree grid that the radius (and a margin) around <paramref name="point"/> reaches: every cell
    /// the bounding box of the circle touches. A cell is square in degrees, two radii of latitude tall and cos(latitude)
    /// times that wide, so the box touches two or three rows and, below 60°, two to four columns.
    /// </summary>
    internal static IEnumerable<(long Row, long Column)> CellsNear(GeoPoint point, double radiusMetres)
    {
        var size = CellDegrees(radiusMetres);
        var box = point.BoxAround(radiusMetres + CellMarginMetres);
        for (var row = CellOf(box.South, size); row <= CellOf(box.North, size); row++)
        {
            for (var column = CellOf(box.West, size); column <= CellOf(box.East, size); column++)
            {
                yield return (row, column);
            }
        }
    }

    private static IndexRow RowOf(NewCase newCase, string category, DuplicateOptions settings)
    {
        var size = CellDegrees(settings.RadiusMetres);
        return new IndexRow
        {
            PartitionKey = PartitionOf(category, (CellOf(newCase.Location.Lat, size), CellOf(newCase.Location.Lon, size)), settings),
            RowKey = newCase.CaseId,
            Latitude = newCase.Location.Lat,
            Longitude = newCase.Location.Lon,
            ReportedAt = newCase.ReportedAt,
        };
    }

    private static double CellDegrees(double radiusMetres) => CellRadii * radiusMetres / MetresPerDegreeLatitude;

    private static long CellOf(double degrees, double size) => (long)Math.Floor(degrees / size);

    /// <summary>The cell size is part of the key, so a changed radius reads a grid of its own instead of a misaligned one.</summary>
    private static string PartitionOf(string category, (long Row, long Column) cell, DuplicateOptions settings) =>
        string.Create(CultureInfo.InvariantCulture, $"{settings.RadiusMetres:0.###}m.{category}.{cell.Row}.{cell.Column}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the duplicate lookup failed or ran out of time; the report is taken without duplicate flags")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, string caseId);

    private sealed class IndexRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public DateTimeOffset ReportedAt { get; set; }
    }
}
