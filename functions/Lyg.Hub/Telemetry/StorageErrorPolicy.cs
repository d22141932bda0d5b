using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Lyg.Hub.Api;

namespace Lyg.Hub.Telemetry;

/// <summary>
/// Counts every try of a storage call that storage failed (<see cref="HubMetrics.StorageErrorsName"/>): an answer of
/// 5xx, 408 or 429, a try that timed out, or no answer at all. It sits per retry, so a call that succeeds on its third
/// try still shows the two failures before it. Answers such as 404, 409 and 412 are how the hub reads and races on
/// storage, not errors, and a caller's own cancellation is not storage's failure.
/// </summary>
internal sealed class StorageErrorPolicy(string service) : HttpPipelinePolicy
{
    public const string Tables = "table";
    public const string Blobs = "blob";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (!message.CancellationToken.IsCancellationRequested)
        {
            CountFailure(ex);
            throw;
        }

        CountAnswer(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (!message.CancellationToken.IsCancellationRequested)
        {
            CountFailure(ex);
            throw;
        }

        CountAnswer(message);
    }

    /// <summary>Adds the policy to client options; pass options built for one client, or its tries are counted twice.</summary>
    public static T AddTo<T>(T options, string service)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(new StorageErrorPolicy(service), HttpPipelinePosition.PerRetry);
        return options;
    }

    // The SDK ends a try that outlives its network timeout with a cancellation the caller did not ask for.
    private void CountFailure(Exception exception) =>
        HubMetrics.StorageError(service, exception is OperationCanceledException ? "timeout" : "transport");

    private void CountAnswer(HttpMessage message)
    {
        if (message.HasResponse && DependencyFailure.IsUnavailableStatus(message.Response.Status))
        {
            HubMetrics.StorageError(service, message.Response.Status.ToString(CultureInfo.InvariantCulture));
        }
    }
}
