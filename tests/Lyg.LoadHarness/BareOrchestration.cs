using Lyg.Hub.Storage;
using Lyg.Standalone.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.LoadHarness;

/// <summary>
/// The baseline of the case benchmark: an orchestration that makes the same number of activity calls as a case's
/// workflow on the happy path, but whose activities do nothing, on the same durable backend over the same Azurite.
/// </summary>
internal sealed class BareOrchestration : IAsyncDisposable
{
    private readonly DurableBackend _backend;
    private readonly IHost _worker;

    private BareOrchestration(DurableBackend backend, IHost worker)
    {
        _backend = backend;
        _worker = worker;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public static async Task<BareOrchestration> StartAsync(string connectionString)
    {
        var storage = new StorageAccount(connectionString, null, null, null, null);
        var backend = await DurableBackend.StartAsync(storage, "loadbaseline", new DurableBackendOptions { WorkerId = "load-baseline" }, "Production", NullLoggerFactory.Instance);
        var worker = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddDurableTaskWorker(builder =>
                {
                    builder.AddTasks(tasks => tasks.AddOrchestrator<NoOpChain>().AddActivity<NoOp>());
                    builder.UseGrpc(backend.Channel);
                });
                services.AddDurableTaskClient(builder =>
                {
                    builder.UseGrpc(backend.Channel);
                    builder.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync();
        return new BareOrchestration(backend, worker);
    }

    /// <summary>Runs one chain of <paramref name="activities"/> no-op calls and waits (polling, bounded) until it completes.</summary>
    public async Task RunOnceAsync(int activities)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(NoOpChain), activities);
        for (var poll = 0; poll < 3000; poll++)
        {
            var instance = await Client.GetInstanceAsync(id);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Baseline orchestration {id} did not complete within the harness's bound.");
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _backend.DisposeAsync();
    }

    private sealed class NoOpChain : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            for (var i = 0; i < input; i++)
            {
                await context.CallActivityAsync<int>(nameof(NoOp), i);
            }

            return input;
        }
    }

    private sealed class NoOp : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }
}
