using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Features.Units;

/// <summary>
/// The registry of responsible units (责任单位) in one Azure Table partition, one row per unit keyed by its code, so
/// listing is a single ordered partition scan and re-parenting can commit atomically with the chain it was checked against.
/// </summary>
public sealed class UnitStore
{
    public const string TableName = TableNames.Units;

    /// <summary>Longest parent chain followed; real hierarchies are 2 or 3 deep, so a longer one is corrupt or absurd.</summary>
    public const int MaxAncestors = 16;

    /// <summary>Most units one page holds.</summary>
    public const int MaxPageSize = TablePages.MaxPageSize;

    private const string Partition = "unit";
    private const int MaxOptimisticAttempts = 5;

    private readonly TableClient _units;

    public UnitStore(TableServiceClient tables)
        : this(tables, TableName)
    {
    }

    /// <summary>A store over another table, so tests can each own a fresh one.</summary>
    internal UnitStore(TableServiceClient tables, string tableName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _units = tables.GetTableClient(tableName);
    }

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _units.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The unit, or null when there is none (a malformed code names no unit).</summary>
    public async Task<UnitView?> FindAsync(string code, CancellationToken cancellationToken) =>
        (await FindRowAsync(code, cancellationToken))?.ToView();

    /// <summary>
    /// Units in code order, optionally of one kind and activity; full pages unless no more units match (see
    /// <see cref="TablePages"/>). <paramref name="continuationToken"/> is the token of the previous page.
    /// </summary>
    public async Task<UnitPage> ListAsync(UnitKind? kind, bool? active, int limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (kind is { } wantedKind)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {wantedKind.ToString()}");
        }

        if (active is { } wantedActive)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Active eq {wantedActive}");
        }

        var (rows, next) = await _units.ReadPageAsync<UnitRow>(filter, limit, continuationToken, null, cancellationToken);
        return new UnitPage([.. rows.Select(r => r.ToView())], next);
    }

    /// <summary>
    /// Creates or replaces the unit. The parent must exist and the unit may not be its own ancestor; the parent chain
    /// is checked and written in one transaction, so two concurrent re-parentings cannot close a cycle between them.
    /// </summary>
    public async Task<UnitUpsertOutcome> UpsertAsync(UnitView unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!UnitCode.IsWellFormed(unit.Code))
        {
            throw new ArgumentException(UnitCode.ShapeError, nameof(unit));
        }

        for (var attempt = 1; ; attempt++)
        {
            var ancestors = new List<UnitRow>();
            for (var next = unit.ParentCode; next is not null;)
            {
                if (next == unit.Code)
                {
                    return UnitUpsertOutcome.Cycle;
                }

                if (ancestors.Count == MaxAncestors)
                {
                    return UnitUpsertOutcome.TooDeep;
                }

                var ancestor = await FindRowAsync(next, cancellationToken);
                if (ancestor is null)
                {
                    if (ancestors.Count == 0)
                    {
                        return UnitUpsertOutcome.UnknownParent;
                    }

                    break;
                }

                ancestors.Add(ancestor);
                next = ancestor.ParentCode;
            }

            var existing = await FindRowAsync(unit.Code, cancellationToken);
            var row = UnitRow.From(unit);
            var actions = new List<TableTransactionAction>
            {
                existing is null
                    ? new(TableTransactionActionType.Add, row)
                    : new(TableTransactionActionType.UpdateReplace, row, existing.ETag),
            };

            // Touching each ancestor under its ETag makes the chain just read part of the commit: if anyone changed one
            // of them meanwhile (a re-parenting could close a cycle), the transaction fails and the chain is read again.
            actions.AddRange(ancestors.Select(a =>
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, a.RowKey), a.ETag)));
            try
            {
                await _units.SubmitTransactionAsync(actions, cancellationToken);
                return existing is null ? UnitUpsertOutcome.Created : UnitUpsertOutcome.Updated;
            }
            catch (TableTransactionFailedException ex) when ((ex.Status is 409 or 412) && attempt < MaxOptimisticAttempts)
            {
                // The unit or one of its ancestors changed in between: decide again on fresh data.
            }
        }
    }

    /// <summary>
    /// Adds the units that do not exist yet and never touches one that does, so an administrator's change survives
    /// every reseed. Parents are not checked: seed data is validated by tests and adds only new leaves or new chains,
    /// which cannot close a cycle. Returns how many units were added.
    /// </summary>
    public async Task<int> SeedAsync(IEnumerable<UnitView> units, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in _units.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            existing.Add(row.RowKey);
        }

        var added = 0;
        foreach (var unit in units.Where(u => !existing.Contains(u.Code)))
        {
            try
            {
                await _units.AddEntityAsync(UnitRow.From(unit), cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another instance seeding at the same moment, or an administrator, was first: theirs stays.
            }
        }

        return added;
    }

    private async Task<UnitRow?> FindRowAsync(string code, CancellationToken cancellationToken)
    {
        if (!UnitCode.IsWellFormed(code))
        {
            return null;
        }

        var found = await _units.GetEntityIfExistsAsync<UnitRow>(Partition, code, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>A unit; the kind is stored by name so rows stay readable in Storage Explorer.</summary>
    private sealed class UnitRow : ITableEntity
    {
        public string PartitionKey { get; set; } = Partition;
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }

        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? ParentCode { get; set; }
        public string? NoticeContact { get; set; }
        public bool Active { get; set; }

        /// <summary>The service area as JSON; a few hundred places fit well inside a property's 64 KiB.</summary>
        public string? ServiceArea { get; set; }

        public static UnitRow From(UnitView unit) => new()
        {
            RowKey = unit.Code,
            Name = unit.Name,
            Kind = unit.Kind.ToString(),
            ParentCode = unit.ParentCode,
            NoticeContact = unit.NoticeContact,
            Active = unit.Active,
            ServiceArea = unit.ServiceArea is null ? null : JsonSerializer.Serialize(unit.ServiceArea, LygJsonContext.Default.UnitServiceArea),
        };

        public UnitView ToView() => new(
            RowKey,
            Name,
            Enum.Parse<UnitKind>(Kind),
            ParentCode,
            NoticeContact,
            Active,
            ServiceArea is null ? null : JsonSerializer.Deserialize(ServiceArea, LygJsonContext.Default.UnitServiceArea));
    }
}

/// <summary>What <see cref="UnitStore.UpsertAsync"/> did, or why it refused.</summary>
public enum UnitUpsertOutcome
{
    Created,
    Updated,
    UnknownParent,
    /// <summary>The parent is the unit itself or one of its descendants.</summary>
    Cycle,
    /// <summary>The parent chain is longer than <see cref="UnitStore.MaxAncestors"/>.</summary>
    TooDeep,
}
