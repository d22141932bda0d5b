using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// An outdoor advertisement or signboard of the registry: its kind (<c>billboard</c>, <c>signboard</c>,
/// <c>lightbox</c>, …), owner, point (WGS84) and grid, and its permit, valid from the first to the last day given
/// (China Standard Time dates, both included). <see cref="LastAlertLevel"/> is what the permit job last said of it.
/// </summary>
public sealed record Advertisement(
    string AdvertisementId,
    string Kind,
    string Owner,
    GeoPoint Location,
    string? Grid,
    string PermitNumber,
    DateOnly PermitValidFrom,
    DateOnly PermitValidUntil,
    WarningLevel? LastAlertLevel = null)
{
    public bool PermitValidOn(DateOnly day) => PermitValidFrom <= day && day <= PermitValidUntil;
}

/// <summary>
/// The advertisement registry, table <c>Advertisements</c>: each advertisement in the partition of its map cell (a
/// fixed grid of 0.001°, about 110 m × 90 m here), so "is a permitted advertisement within 15 m" reads the one to four
/// cells the circle reaches; and per id a row naming its cell, so a moved advertisement leaves its old cell. The daily
/// permit job reads the cells in pages.
/// </summary>
public sealed partial class AdvertisementStore(TableServiceClient tables, CurrentPlaces places)
{
    public const string IdShapeError = "An advertisement id of 1 to 64 letters, digits, '.', '_' or '-'.";
    public const string KindShapeError = "A kind of 1 to 32 lower-case letters, digits or '-' (billboard, signboard, lightbox, …).";

    private const double CellDegrees = 0.001;
    private const string CellPrefix = "c:";
    private const string IdPartition = "id";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Advertisements);

    public static bool IsWellFormedId(string? id) => id is not null && IdShape().IsMatch(id);

    public static bool IsWellFormedKind(string? kind) => kind is not null && KindShape().IsMatch(kind);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Writes each advertisement (new, changed or moved), placed in its grid; an administrator's renewal is such a write.</summary>
    public async Task UpsertAsync(IEnumerable<Advertisement> advertisements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advertisements);
        foreach (var given in advertisements)
        {
            var ad = given with { Grid = places.Locate(given.Location.Lat, given.Location.Lon)?.Grid };
            var cell = CellOf(ad.Location);
            var index = await _table.GetEntityIfExistsAsync<IdRow>(IdPartition, ad.AdvertisementId, cancellationToken: cancellationToken);
            var previous = index.HasValue ? index.Value : null;
            // The level last said survives a renewal or a move, so the job can say once that it no longer holds.
            var kept = previous is null ? null : await FindInCellAsync(previous.Cell, ad.AdvertisementId, cancellationToken);
            await _table.UpsertEntityAsync(ToRow(ad with { LastAlertLevel = kept?.LastAlertLevel }, cell), TableUpdateMode.Replace, cancellationToken);
            await _table.UpsertEntityAsync(new IdRow { PartitionKey = IdPartition, RowKey = ad.AdvertisementId, Cell = cell }, TableUpdateMode.Replace, cancellationToken);
            if (previous is not null && previous.Cell != cell)
            {
                await _table.DeleteEntityAsync(previous.Cell, ad.AdvertisementId, ETag.All, cancellationToken);
            }
        }
    }

    /// <summary>Adds the advertisements not registered yet and leaves the others; returns how many were added.</summary>
    public async Task<int> SeedAsync(IReadOnlyList<Advertisement> advertisements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(advertisements);
        var missing = new List<Advertisement>();
        foreach (var ad in advertisements)
        {
            if (!(await _table.GetEntityIfExistsAsync<IdRow>(IdPartition, ad.AdvertisementId, cancellationToken: cancellationToken)).HasValue)
            {
                missing.Add(ad);
            }
        }

        await UpsertAsync(missing, cancellationToken);
        return missing.Count;
    }

    public async Task<Advertisement?> FindAsync(string advertisementId, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(advertisementId))
        {
            return null;
        }

        var index = await _table.GetEntityIfExistsAsync<IdRow>(IdPartition, advertisementId, cancellationToken: cancellationToken);
        return index.HasValue && index.Value is { } row ? await FindInCellAsync(row.Cell, advertisementId, cancellationToken) : null;
    }

    /// <summary>The nearest advertisement within <paramref name="radiusMetres"/> of the point whose permit is valid on <paramref name="day"/>, or null.</summary>
    public async Task<Advertisement?> PermittedNearAsync(GeoPoint point, double radiusMetres, DateOnly day, CancellationToken cancellationToken)
    {
        var found = new List<Advertisement>();
        foreach (var cell in CellsNear(point, radiusMetres))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {cell}");
            await foreach (var row in _table.QueryAsync<AdvertisementRow>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken))
            {
                found.Add(FromRow(row));
            }
        }

        return found
            .Where(a => a.PermitValidOn(day) && a.Location.DistanceTo(point) <= radiusMetres)
            .OrderBy(a => a.Location.DistanceTo(point))
            .ThenBy(a => a.AdvertisementId, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Every advertisement, cell by cell, for the daily permit job.</summary>
    public async IAsyncEnumerable<Advertisement> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {CellPrefix} and PartitionKey lt {"c;"}");
        await foreach (var row in _table.QueryAsync<AdvertisementRow>(filter, TablePages.MaxPageSize, cancellationToken: cancellationToken))
        {
            yield return FromRow(row);
        }
    }

    /// <summary>Records what the permit job last said of the advertisement (null: nothing holds).</summary>
    public async Task SetLastAlertLevelAsync(Advertisement ad, WarningLevel? level, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ad);
        var entity = new TableEntity(CellOf(ad.Location), ad.AdvertisementId) { ["LastAlertLevel"] = level?.ToString() ?? "" };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task<Advertisement?> FindInCellAsync(string cell, string id, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<AdvertisementRow>(cell, id, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? FromRow(row) : null;
    }

    private static (long Row, long Column) CellIndex(double lat, double lon) => ((long)Math.Floor(lat / CellDegrees), (long)Math.Floor(lon / CellDegrees));

    private static string CellKey(long row, long column) => string.Create(CultureInfo.InvariantCulture, $"{CellPrefix}{row}:{column}");

    private static string CellOf(GeoPoint point)
    {
        var (row, column) = CellIndex(point.Lat, point.Lon);
        return CellKey(row, column);
    }

    /// <summary>The cells a circle of the radius around the point reaches (with a metre of slack for rounding).</summary>
    private static IEnumerable<string> CellsNear(GeoPoint point, double radiusMetres)
    {
        const double MetresPerDegreeLatitude = 111_320;
        var dLat = (radiusMetres + 1) / MetresPerDegreeLatitude;
        var dLon = (radiusMetres + 1) / (MetresPerDegreeLatitude * Math.Cos(point.Lat * Math.PI / 180));
        var (south, west) = CellIndex(point.Lat - dLat, point.Lon - dLon);
        var (north, east) = CellIndex(point.Lat + dLat, point.Lon + dLon);
        for (var row = south; row <= north; row++)
        {
            for (var column = west; column <= east; column++)
            {
                yield return CellKey(row, column);
            }
        }
    }

    private static AdvertisementRow ToRow(Advertisement a, string cell) => new()
    {
        PartitionKey = cell,
        RowKey = a.AdvertisementId,
        Kind = a.Kind,
        Owner = a.Owner,
        Latitude = a.Location.Lat,
        Longitude = a.Location.Lon,
        Grid = a.Grid,
        PermitNumber = a.PermitNumber,
        PermitValidFrom = a.PermitValidFrom.ToString("O", CultureInfo.InvariantCulture),
        PermitValidUntil = a.PermitValidUntil.ToString("O", CultureInfo.InvariantCulture),
        LastAlertLevel = a.LastAlertLevel?.ToString() ?? "",
    };

    private static Advertisement FromRow(AdvertisementRow r) => new(
        r.RowKey,
        r.Kind,
        r.Owner,
        new GeoPoint(r.Latitude, r.Longitude),
        r.Grid,
        r.PermitNumber,
        DateOnly.ParseExact(r.PermitValidFrom, "O", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(r.PermitValidUntil, "O", CultureInfo.InvariantCulture),
        Enum.TryParse<WarningLevel>(r.LastAlertLevel, out var level) ? level : null);

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex IdShape();

    [GeneratedRegex(@"\A[a-z0-9-]{1,32}\z")]
    private static partial Regex KindShape();

    private sealed class AdvertisementRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Kind { get; set; } = "";

        public string Owner { get; set; } = "";

        public double Latitude { get; set; }

        public double Longitude { get; set; }

        public string? Grid { get; set; }

        public string PermitNumber { get; set; } = "";

        public string PermitValidFrom { get; set; } = "";

        public string PermitValidUntil { get; set; } = "";

        public string LastAlertLevel { get; set; } = "";
    }

    private sealed class IdRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Cell { get; set; } = "";
    }
}
