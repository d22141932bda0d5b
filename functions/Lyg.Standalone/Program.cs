using Lyg.Hub;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Lyg.Standalone;
using Lyg.Standalone.Durable;
using Lyg.Standalone.Local;
using Lyg.Standalone.Maintenance;
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
var durableOptions = builder.Configuration.GetSection(DurableBackendOptions.Section).Get<DurableBackendOptions>() ?? new DurableBackendOptions();
await using var durable = await DurableBackend.StartAsync(storage, taskHub, durableOptions, builder.Environment.EnvironmentName, bootstrapLogs);

builder.Services.AddLygHub(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddHostedService<DailyMaintenanceService>();
builder.Services.AddDurableTaskWorker(worker =>
{
    worker.AddTasks(tasks => tasks.AddCaseWorkflow());
    worker.UseGrpc(durable.Channel);
});
builder.Services.AddDurableTaskClient(client =>
{
    client.UseGrpc(durable.Channel);
    client.RegisterDirectly();
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapLygApi(issueDevTokens: app.Environment.IsDevelopment());

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    HostLog.Listening(app.Logger, urls, durable.TaskHub, durable.Address);
});

await app.RunAsync();
