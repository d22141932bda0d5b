using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// The registry of inspectors (监督员) in one partition of the Inspectors table, one row per inspector keyed by the
/// subject of their token. A city has hundreds of inspectors, so finding the one for a case reads the partition whole.
/// </summary>
public sealed partial class InspectorStore(TableServiceClient tables)
{
    public const int MaxIdLength = 64;
    public static readonly string IdShapeError = $"An inspector id is the subject of the inspector's token: 1 to {MaxIdLength} letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";

    private const string Partition = "inspector";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Inspectors);

    /// <summary>Safe as a table key and as the partition of the inspector's tasks, and never a case's partition (those hold a space).</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdShape().IsMatch(id);

    public Task EnsureTableAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<InspectorView?> FindAsync(string inspectorId, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(inspectorId))
        {
            return null;
        }

        var found = await _table.GetEntityIfExistsAsync<InspectorRow>(Partition, inspectorId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row ? row.ToView() : null;
    }

    /// <summary>Every inspector, in id order.</summary>
    public async Task<IReadOnlyList<InspectorView>> ListAsync(CancellationToken cancellationToken)
    {
        var all = new List<InspectorView>();
        await foreach (var row in _table.QueryAsync<InspectorRow>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            all.Add(row.ToView());
        }

        return all;
    }

    /// <summary>Creates or replaces the inspector; true when it is new.</summary>
    public async Task<bool> UpsertAsync(InspectorView inspector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        var existed = await FindAsync(inspector.InspectorId, cancellationToken) is not null;
        await _table.UpsertEntityAsync(InspectorRow.From(inspector), TableUpdateMode.Replace, cancellationToken);
        return !existed;
    }

    /// <summary>Adds the inspectors that are missing and leaves the others alone; the number added.</summary>
    public async Task<int> SeedAsync(IEnumerable<InspectorView> inspectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspectors);
        var added = 0;
        foreach (var inspector in inspectors)
        {
            try
            {
                await _table.AddEntityAsync(InspectorRow.From(inspector), cancellationToken);
                added++;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // There already, perhaps changed by an administrator: kept as it is.
            }
        }

        return added;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex IdShape();

    private sealed class InspectorRow : ITableEntity
    {
        public string PartitionKey { get; set; } = Partition;

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Name { get; set; } = "";

        /// <summary>JSON array of grid and community codes.</summary>
        public string PatrolAreas { get; set; } = "[]";

        public bool Active { get; set; }

        public static InspectorRow From(InspectorView view) => new()
        {
            RowKey = view.InspectorId,
            Name = view.Name,
            PatrolAreas = JsonSerializer.Serialize(view.PatrolAreas),
            Active = view.Active,
        };

        public InspectorView ToView() => new(RowKey, Name, JsonSerializer.Deserialize<string[]>(PatrolAreas) ?? [], Active);
    }
}
