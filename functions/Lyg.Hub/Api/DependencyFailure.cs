using System.Net.Sockets;
using Azure;
using Grpc.Core;

namespace Lyg.Hub.Api;

/// <summary>
/// Tells a dependency that is down, hung or overloaded (storage, the durable backend) from a bug: the first is answered
/// 503 with Retry-After, because the same request will succeed once the dependency is back. A caller checks its own
/// cancellation first: what is left of cancellations is a dependency's timeout.
/// </summary>
public static class DependencyFailure
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // Status 0: no answer at all (refused, reset, timed out after the SDK's retries).
        RequestFailedException failed => failed.Status == 0 || IsUnavailableStatus(failed.Status),
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
            or StatusCode.Aborted or StatusCode.Unknown or StatusCode.Internal
            || rpc.InnerException is { } inner && IsUnavailable(inner),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        // A cancellation the caller did not ask for (callers check their own tokens first): the SDK's per-try timeout.
        OperationCanceledException => true,
        _ => exception.InnerException is { } cause && IsUnavailable(cause),
    };

    /// <summary>An answer of a dependency that is overloaded or failing (5xx, 408, 429), not a refusal of the request itself.</summary>
    public static bool IsUnavailableStatus(int status) => status is 408 or 429 or >= 500;
}
