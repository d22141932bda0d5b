using Lyg.Functions.Http;
using Lyg.Hub;
using Lyg.Hub.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiGateMiddleware>();
// The worker's invocation spans and Azure resource attributes first, so the hub's service name set after them stands.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
builder.Services.AddLygTelemetry(builder.Configuration, "lyg-functions", typeof(Program).Assembly);
builder.Services.AddLygHub(builder.Configuration);
await builder.Build().RunAsync();
