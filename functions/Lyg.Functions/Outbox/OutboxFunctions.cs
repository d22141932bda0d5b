using Lyg.Hub.Features.Outbox;
using Microsoft.Azure.Functions.Worker;

namespace Lyg.Functions.Outbox;

public sealed class OutboxFunctions(OutboxDispatcher dispatcher)
{
    [Function(nameof(OutboxDispatcher))]
    public Task Dispatch([TimerTrigger(OutboxDispatcher.Schedule)] TimerInfo timer, FunctionContext function) =>
        dispatcher.RunAsync(function?.CancellationToken ?? CancellationToken.None);
}
