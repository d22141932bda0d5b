using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;

namespace Lyg.Hub.Storage;

/// <summary>Creates the hub's tables before the host serves requests.</summary>
public sealed class StorageInitializer(TableServiceClient tables) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
