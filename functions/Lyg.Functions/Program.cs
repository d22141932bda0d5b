using Lyg.Functions.Http;
using Lyg.Hub;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiGateMiddleware>();
builder.Services.AddLygHub(builder.Configuration);
await builder.Build().RunAsync();
