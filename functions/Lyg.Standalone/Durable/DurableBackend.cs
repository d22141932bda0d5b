using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Lyg.Standalone.Durable;

/// <summary>
/// The durable backend of the standalone host: the Durable Task Azure Storage provider (the Durable Functions
/// default, so task hubs look the same on Azurite and in Azure) served over gRPC on a loopback HTTP/2 port by the
/// Durable Task sidecar, which the worker and client of this process connect to.
/// </summary>
public sealed class DurableBackend : IAsyncDisposable
{
    private readonly WebApplication _sidecar;

    private DurableBackend(WebApplication sidecar, string address, string taskHub)
    {
        _sidecar = sidecar;
        Address = address;
        TaskHub = taskHub;
        Channel = GrpcChannel.ForAddress(address);
    }

    public string Address { get; }

    public string TaskHub { get; }

    public GrpcChannel Channel { get; }

    public static async Task<DurableBackend> StartAsync(
        StorageAccount storage, string taskHub, DurableBackendOptions options, string environmentName, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = ClientsFor(storage, StorageRetryBudget.Background),
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            PartitionCount = options.PartitionCount,
            WorkerId = options.WorkerId,
            UseTablePartitionManagement = true,
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();

        // An empty builder reads no environment variables, so ASPNETCORE_URLS meant for the API does not reach the sidecar.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = environmentName });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync();

        var address = sidecar.Urls.Single();
        return new DurableBackend(sidecar, address, taskHub);
    }

    /// <summary>
    /// The provider's clients with a bounded retry budget: with the SDK's defaults a hung account stalls it for minutes.
    /// They are not traced: their queue polls and lease renewals would be a trace a second, as in the Functions host,
    /// where this traffic stays in the host; the durable work itself shows as Microsoft.DurableTask spans.
    /// </summary>
    private static StorageAccountClientProvider ClientsFor(StorageAccount storage, StorageRetryBudget budget)
    {
        var blobs = Untraced(budget.ApplyTo(new BlobClientOptions()));
        var queues = Untraced(budget.ApplyTo(new QueueClientOptions()));
        var tables = Untraced(budget.ApplyTo(new TableClientOptions()));
        return storage.ConnectionString is { } connection
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, blobs),
                StorageServiceClientProvider.ForQueue(connection, queues),
                StorageServiceClientProvider.ForTable(connection, tables))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storage.BlobServiceUri!, storage.Credential!, blobs),
                StorageServiceClientProvider.ForQueue(storage.QueueServiceUri!, storage.Credential!, queues),
                StorageServiceClientProvider.ForTable(storage.TableServiceUri!, storage.Credential!, tables));
    }

    private static T Untraced<T>(T options)
        where T : Azure.Core.ClientOptions
    {
        options.Diagnostics.IsDistributedTracingEnabled = false;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }
}
