using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lyg.Hub.Features.Outbox;

/// <summary>How one attempt ended.</summary>
internal enum DeliveryResult
{
    /// <summary>2xx: the destination has the message.</summary>
    Delivered,
    /// <summary>5xx, 408, 429, no connection or no answer in time: try again later.</summary>
    Retry,
    /// <summary>Any other answer: the destination will not take this message as it is.</summary>
    Refused,
    /// <summary>Nothing was sent: the destination's circuit is open after failing most of its recent attempts.</summary>
    CircuitOpen,
}

internal sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null, TimeSpan? RetryAfter = null);

/// <summary>
/// POSTs one message to its destination: the envelope as JSON, <c>Idempotency-Key</c> the message id, signed as machine
/// clients sign (<see cref="RequestSignature"/>) with the destination's client id and secret. Each attempt is bounded by
/// the destination's timeout, and each destination has its own circuit breaker, so one that is down is left alone for
/// <see cref="OutboxOptions.BreakDuration"/> instead of being called for every pending message.
/// </summary>
public sealed class OutboxSender(IHttpClientFactory clients, IOptions<OutboxOptions> options, TimeProvider time)
{
    public const string ClientName = "outbox";

    /// <summary>How much of a refusal's body is kept as the message's last error.</summary>
    private const int MaxDetailBytes = 300;

    private readonly ConcurrentDictionary<string, ResiliencePipeline<Answer>> _pipelines = new(StringComparer.Ordinal);

    internal async Task<DeliveryOutcome> SendAsync(OutboxDestination destination, OutboxMessageId id, OutboxMessageRow message, CancellationToken cancellationToken)
    {
        byte[] body;
        using (var payload = JsonDocument.Parse(message.Payload))
        {
            body = JsonSerializer.SerializeToUtf8Bytes(
                new OutboxEnvelope(id.ToString(), message.Kind, id.CaseId, message.Sequence, message.At, payload.RootElement), LygJsonContext.Wire.OutboxEnvelope);
        }

        try
        {
            var answer = await PipelineOf(destination).ExecuteAsync(token => SendOnceAsync(destination, id, body, token), cancellationToken);
            return answer.Status is >= 200 and <= 299 ? new(DeliveryResult.Delivered)
                : IsTransient(answer.Status) ? new(DeliveryResult.Retry, answer.Detail, answer.RetryAfter)
                : new(DeliveryResult.Refused, answer.Detail);
        }
        catch (BrokenCircuitException)
        {
            return new(DeliveryResult.CircuitOpen);
        }
        catch (TimeoutRejectedException)
        {
            return new(DeliveryResult.Retry, $"No answer within {destination.Timeout:c}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new(DeliveryResult.Retry, $"The request failed: {ex.Message}");
        }
    }

    private static bool IsTransient(int status) => status is 408 or 429 or >= 500;

    private ResiliencePipeline<Answer> PipelineOf(OutboxDestination destination) =>
        _pipelines.GetOrAdd(destination.Name, _ => new ResiliencePipelineBuilder<Answer> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<Answer>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.Value.BreakDuration,
                ShouldHandle = new PredicateBuilder<Answer>()
                    .Handle<HttpRequestException>().Handle<IOException>().Handle<TimeoutRejectedException>()
                    .HandleResult(answer => IsTransient(answer.Status)),
            })
            .AddTimeout(destination.Timeout)
            .Build());

    private async ValueTask<Answer> SendOnceAsync(OutboxDestination destination, OutboxMessageId id, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(RequestKey.HeaderName, id.ToString());
        request.Headers.Add(RequestSignature.ClientHeader, destination.ClientId);
        request.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(
            RequestSignature.SignatureHeader,
            RequestSignature.Sign(destination.Secret, HttpMethod.Post.Method, destination.Url.PathAndQuery, timestamp, nonce, body));

        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new(status, null, "");
        }

        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date - time.GetUtcNow())
            : null;
        var detail = await ReadDetailAsync(response.Content, cancellationToken);
        return new(status, retryAfter > TimeSpan.Zero ? retryAfter : null, $"{status} {response.ReasonPhrase}{(detail.Length == 0 ? "" : ": " + detail)}");
    }

    /// <summary>The beginning of a refusal's body as one line of text, for the message's last error.</summary>
    private static async Task<string> ReadDetailAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxDetailBytes];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return new string([.. Encoding.UTF8.GetString(buffer, 0, read).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
    }

    /// <summary>An attempt's answer, read inside the attempt's timeout.</summary>
    private sealed record Answer(int Status, TimeSpan? RetryAfter, string Detail);
}
