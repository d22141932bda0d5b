using Lyg.Hub;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Readings;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Features.Vehicles;
using Lyg.Hub.Features.Video;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Orchestrations.Cases;
using Lyg.Standalone;
using Lyg.Standalone.Durable;
using Lyg.Standalone.Local;
using Lyg.Standalone.Maintenance;
using Lyg.Standalone.Outbox;
using Lyg.Standalone.Streams;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

const string DefaultUrl = "http://127.0.0.1:7071";

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls(DefaultUrl);
}

using var bootstrapLogs = LoggerFactory.Create(logging =>
    logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
var startupLog = bootstrapLogs.CreateLogger("Lyg.Standalone");

var storage = StorageAccount.FromConfiguration(builder.Configuration);
var taskHub = builder.Configuration[DurableBackendOptions.TaskHubNameKey];
if (string.IsNullOrWhiteSpace(taskHub))
{
    throw new InvalidOperationException($"Set {DurableBackendOptions.TaskHubNameKey}, unique per environment (Development has one in appsettings.Development.json).");
}

await using var azurite = await AzuriteLauncher.EnsureRunningAsync(storage, builder.Configuration["Azurite:Directory"], startupLog);
var durableOptions = DurableBackendOptions.From(builder.Configuration);
var roles = HostRoleSetting.Parse(builder.Configuration[HostRoleSetting.Key]);
var issueDevTokens = DevTokenPolicy.IsEnabled(builder.Configuration, builder.Environment);
await using var durable = await DurableBackend.StartAsync(storage, taskHub, durableOptions, builder.Environment.EnvironmentName, bootstrapLogs);

builder.Services.AddLygTelemetry(builder.Configuration, "lyg-standalone", typeof(Program).Assembly);
builder.Services.AddLygHub(builder.Configuration);
builder.Services.AddLygProblemDetails();
builder.Services.AddDurableTaskClient(client =>
{
    client.UseGrpc(durable.Channel);
    client.RegisterDirectly();
});
if (roles.HasFlag(HostRoles.Workflows))
{
    // Only a host with the worker joins the task hub's partitions; the client alone never does.
    builder.Services.AddDurableTaskWorker(worker =>
    {
        worker.AddTasks(tasks => tasks.AddCaseWorkflow());
        worker.UseGrpc(durable.Channel);
    });
    builder.Services.AddHostedService<DailyMaintenanceService>();
    builder.Services.AddHostedService<WorkflowSweepService>();
    builder.Services.AddHostedService<AdvertisementPermitService>();
    builder.Services.AddHostedService<SilentSensorSweepService>();
}

if (roles.HasFlag(HostRoles.Processors))
{
    // Each consumer runs only where its EventHubs:{name} section is set; the in-process telemetry channel always does.
    builder.Services.AddStreamProcessor<TelemetryBatchHandler>(builder.Configuration, EventHubsConsumer.Telemetry);
    builder.Services.AddStreamProcessor<HotlineFeedHandler>(builder.Configuration, EventHubsConsumer.Hotline12345);
    builder.Services.AddStreamProcessor<PositionBatchHandler>(builder.Configuration, EventHubsConsumer.Vehicles);
    builder.Services.AddStreamProcessor<VideoAlertBatchHandler>(builder.Configuration, EventHubsConsumer.Video);
    builder.Services.AddHostedService<TelemetryChannelService>();
}

if (roles.HasFlag(HostRoles.Workflows) || roles.HasFlag(HostRoles.Processors))
{
    builder.Services.AddHostedService<OutboxDispatchService>();
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapLygApi(serveApi: roles.HasFlag(HostRoles.Api), issueDevTokens: issueDevTokens);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    HostLog.Listening(app.Logger, urls, roles, durable.TaskHub, durable.Address);
});

await app.RunAsync();
