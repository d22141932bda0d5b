using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Lyg.Functions.Http;

/// <summary>Runs <see cref="ApiGate"/> before every HTTP function, as the standalone host's endpoint filter does.</summary>
internal sealed class ApiGateMiddleware(ApiGate gate) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (ApiEndpoints.FindByName(context.FunctionDefinition.Name) is { } endpoint && context.GetHttpContext() is { } http)
        {
            var rejection = await gate.AdmitAsync(http, endpoint);
            if (rejection is not null)
            {
                context.GetInvocationResult().Value = rejection.AsActionResult();
                return;
            }
        }

        await next(context);
    }
}
