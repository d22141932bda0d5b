using Lyg.Hub.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Lyg.Functions.Http;

/// <summary>
/// Runs every HTTP function through <see cref="ApiGate"/>, as the standalone host's endpoint filter does: the gate
/// refuses a function missing from the catalogue, checks the caller, bounds the request and answers failures.
/// </summary>
internal sealed class ApiGateMiddleware(ApiGate gate) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var replacement = await gate.RunAsync(http, context.FunctionDefinition.Name, async () =>
        {
            await next(context);
            return null;
        });
        if (replacement is IResult problem)
        {
            context.GetInvocationResult().Value = problem.AsActionResult();
        }
    }
}
