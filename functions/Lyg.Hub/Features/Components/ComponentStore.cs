using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Importing;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// The component registry (部件) in two Azure Tables holding the same rows under different keys, sized for 10^6
/// components. <c>Components</c>: partition = unit grid, row = id, so a nearest search reads only the partitions of the
/// grids around a point, and a type narrows each read to the row range of its district and type (the id's prefix).
/// <c>ComponentIds</c>: partition = the id without its sequence (division and type), row = id, so lookup by id is one
/// point read, and an import learns from it which grid each component was in before.
/// </summary>
public sealed class ComponentStore
{
    /// <summary>Most operations Azure Tables takes in one transaction (all in one partition).</summary>
    public const int MaxBatchSize = 100;

    public const string WritePhase = "write";
    public const string IndexPhase = "index";

    // Enough requests in flight to hide round trips without flooding the account (or Azurite on a laptop).
    private const int MaxParallelRequests = 8;
    private const string DateFormat = "yyyy-MM-dd";

    private readonly TableClient _byGrid;
    private readonly TableClient _byId;

    public ComponentStore(TableServiceClient tables)
        : this(tables, TableNames.Components, TableNames.ComponentIds)
    {
    }

    /// <summary>A store over other tables, so tests can each own fresh ones.</summary>
    internal ComponentStore(TableServiceClient tables, string byGridTable, string byIdTable)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _byGrid = tables.GetTableClient(byGridTable);
        _byId = tables.GetTableClient(byIdTable);
    }

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        await _byGrid.CreateIfNotExistsAsync(cancellationToken);
        await _byId.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>The component, or null when there is none (a malformed id names none).</summary>
    public async Task<ComponentView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ComponentId.TryParse(id, out _))
        {
            return null;
        }

        var found = await _byId.GetEntityIfExistsAsync<ComponentRow>(IdPartition(id), id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.ToView() : null;
    }

    /// <summary>
    /// The components in the grids, optionally only those of one type code (4 digits gb2013, 5 digits gb2026) and only
    /// those whose WGS84 point lies in a box: the table filters both, so rows outside them are never read.
    /// </summary>
    public async Task<IReadOnlyList<ComponentView>> ListInGridsAsync(
        IEnumerable<UnitGrid> grids, string? typeCode, GeoBox? within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var found = new ConcurrentBag<ComponentView>();
        await Parallel.ForEachAsync(grids, ParallelRequests(cancellationToken), async (grid, token) =>
        {
            await foreach (var row in _byGrid.QueryAsync<ComponentRow>(GridFilter(grid, typeCode, within), maxPerPage: TablePages.MaxPageSize, cancellationToken: token))
            {
                found.Add(row.ToView());
            }
        });
        return [.. found];
    }

    /// <summary>
    /// Writes the components, replacing what the registry held under their ids: rows by grid first (a component that
    /// moved to another grid then loses its old row), the id index last, so an import interrupted anywhere and run
    /// again still finds the old grid in the index and cleans it up. Components not in the list are left as they are.
    /// Reports progress per phase (<see cref="WritePhase"/>, then <see cref="IndexPhase"/>) in components.
    /// </summary>
    public async Task<ComponentWriteSummary> WriteAsync(
        IReadOnlyCollection<ComponentView> components, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Component {duplicate.Key} is listed more than once.", nameof(components));
        }

        var previousGrids = await PreviousGridsAsync(components, cancellationToken);
        await SubmitAsync(_byGrid, [.. components.Select(c => ComponentRow.From(c, c.Grid))], WritePhase, progress, cancellationToken);

        var moved = components
            .Where(c => previousGrids.TryGetValue(c.Id, out var before) && before != c.Grid)
            .Select(c => (Grid: previousGrids[c.Id], c.Id))
            .ToList();
        await Parallel.ForEachAsync(moved, ParallelRequests(cancellationToken), async (old, token) =>
            await _byGrid.DeleteEntityAsync(old.Grid, old.Id, ETag.All, token));

        await SubmitAsync(_byId, [.. components.Select(c => ComponentRow.From(c, IdPartition(c.Id)))], IndexPhase, progress, cancellationToken);
        return new ComponentWriteSummary(components.Count, moved.Count);
    }

    /// <summary>The grid each listed component is in now, read from the id index a partition (division and type) at a time.</summary>
    private async Task<IReadOnlyDictionary<string, string>> PreviousGridsAsync(IEnumerable<ComponentView> components, CancellationToken cancellationToken)
    {
        var previous = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var partitions = components.GroupBy(c => IdPartition(c.Id), c => c.Id, StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, ParallelRequests(cancellationToken), async (partition, token) =>
        {
            var listed = partition.ToHashSet(StringComparer.Ordinal);
            var first = listed.Min(StringComparer.Ordinal);
            var last = listed.Max(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key} and RowKey ge {first} and RowKey le {last}");
            await foreach (var row in _byId.QueryAsync<TableEntity>(filter, TablePages.MaxPageSize, ["RowKey", nameof(ComponentRow.Grid)], token))
            {
                if (listed.Contains(row.RowKey))
                {
                    previous[row.RowKey] = row.GetString(nameof(ComponentRow.Grid));
                }
            }
        });
        return previous;
    }

    /// <summary>Upserts the rows in transactions of up to 100 per partition, several in flight, reporting rows done.</summary>
    private static async Task SubmitAsync(
        TableClient table, IReadOnlyCollection<ComponentRow> rows, string phase, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var batches = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxBatchSize));
        var gate = new Lock();
        long done = 0;
        progress?.Report(new ImportProgress(phase, 0, rows.Count));
        await Parallel.ForEachAsync(batches, ParallelRequests(cancellationToken), async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token);

            // Under the lock the reported counts only ever grow, whichever batch finishes first.
            lock (gate)
            {
                done += batch.Length;
                progress?.Report(new ImportProgress(phase, done, rows.Count));
            }
        });
    }

    private static string GridFilter(UnitGrid grid, string? typeCode, GeoBox? within)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {grid.Code}");
        if (typeCode is not null)
        {
            // The ids in a grid begin with its district and then their type; ':' follows '9', so the range holds exactly
            // the ids with that prefix. The type check drops the other scheme's longer codes that share the prefix (0101 vs 01010).
            var prefix = grid.District.Code + typeCode;
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix + ":"} and TypeCode eq {typeCode}");
        }

        if (within is { } box)
        {
            filter += " and " + TableClient.CreateQueryFilter(
                $"Latitude ge {box.South} and Latitude le {box.North} and Longitude ge {box.West} and Longitude le {box.East}");
        }

        return filter;
    }

    private static string IdPartition(string id) => id[..^ComponentId.SequenceLength];

    private static ParallelOptions ParallelRequests(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken };

    /// <summary>A component; units flattened into code and name columns, the state and dates as text, readable in Storage Explorer.</summary>
    private sealed class ComponentRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }

        public string Name { get; set; } = "";
        public string Scheme { get; set; } = "";
        public string TypeCode { get; set; } = "";
        public string? CompetentUnitCode { get; set; }
        public string? CompetentUnitName { get; set; }
        public string? OwnerUnitCode { get; set; }
        public string? OwnerUnitName { get; set; }
        public string? MaintenanceUnitCode { get; set; }
        public string? MaintenanceUnitName { get; set; }
        public string Grid { get; set; } = "";
        public string State { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string? RecordedOn { get; set; }
        public string? ChangedOn { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }

        public static ComponentRow From(ComponentView component, string partitionKey) => new()
        {
            PartitionKey = partitionKey,
            RowKey = component.Id,
            Name = component.Name,
            Scheme = component.Scheme,
            TypeCode = component.TypeCode,
            CompetentUnitCode = component.CompetentUnit?.Code,
            CompetentUnitName = component.CompetentUnit?.Name,
            OwnerUnitCode = component.OwnerUnit?.Code,
            OwnerUnitName = component.OwnerUnit?.Name,
            MaintenanceUnitCode = component.MaintenanceUnit?.Code,
            MaintenanceUnitName = component.MaintenanceUnit?.Name,
            Grid = component.Grid,
            State = component.State.ToString(),
            Latitude = component.Location.Lat ?? throw new ArgumentException($"Component {component.Id} has no latitude.", nameof(component)),
            Longitude = component.Location.Lon ?? throw new ArgumentException($"Component {component.Id} has no longitude.", nameof(component)),
            RecordedOn = component.RecordedOn?.ToString(DateFormat, CultureInfo.InvariantCulture),
            ChangedOn = component.ChangedOn?.ToString(DateFormat, CultureInfo.InvariantCulture),
            Source = component.Source,
            Note = component.Note,
        };

        public ComponentView ToView() => new(
            RowKey,
            Name,
            Scheme,
            TypeCode,
            Unit(CompetentUnitCode, CompetentUnitName),
            Unit(OwnerUnitCode, OwnerUnitName),
            Unit(MaintenanceUnitCode, MaintenanceUnitName),
            Grid,
            Enum.Parse<ComponentState>(State),
            new GeoLocation(Latitude, Longitude, CoordinateSystem.Wgs84),
            Date(RecordedOn),
            Date(ChangedOn),
            Source,
            Note);

        private static ComponentUnit? Unit(string? code, string? name) => code is null && name is null ? null : new ComponentUnit(code, name);

        private static DateOnly? Date(string? text) =>
            text is null ? null : DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);
    }
}

/// <summary>What <see cref="ComponentStore.WriteAsync"/> did: components written, and how many of them left another grid.</summary>
public sealed record ComponentWriteSummary(int Written, int Moved);
