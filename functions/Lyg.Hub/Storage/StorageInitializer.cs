using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Storage;

/// <summary>
/// Creates the hub's tables. It tries while the host starts; when storage does not answer, the host starts anyway
/// (health says unhealthy, requests get 503) and the tables are created as soon as storage is back.
/// </summary>
public sealed partial class StorageInitializer(TableServiceClient tables, TimeProvider time, ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private bool _created;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(StartBudget);
        try
        {
            await CreateTablesAsync(budget.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotYet(logger, RetryInterval, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Creates every table that is missing; safe to call again.</summary>
    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }

        _created = true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_created)
        {
            await Task.Delay(RetryInterval, time, stoppingToken);
            try
            {
                await CreateTablesAsync(stoppingToken);
                LogCreated(logger);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotYet(logger, RetryInterval, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage does not answer; the hub's tables will be created when it does (next try in {Interval})")]
    private static partial void LogNotYet(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage answers again; the hub's tables are in place")]
    private static partial void LogCreated(ILogger logger);
}
