using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Storage;

/// <summary>
/// Creates the hub's tables. It tries while the host starts; when storage does not answer, the host starts anyway
/// (health says unhealthy, requests get 503) and the tables are created as soon as storage is back.
/// </summary>
public sealed class StorageInitializer(TableServiceClient tables, TimeProvider time, ILogger<StorageInitializer> logger)
    : StorageRefresher(RetryInterval, time, logger)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private volatile bool _created;

    protected override string Subject => "Storage (the hub's tables)";

    protected override TimeSpan FirstAttemptBudget => TimeSpan.FromSeconds(10);

    protected override Task RefreshAsync(CancellationToken cancellationToken) => _created ? Task.CompletedTask : CreateTablesAsync(cancellationToken);

    /// <summary>Creates every table that is missing; safe to call again.</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }

        _created = true;
    }
}
