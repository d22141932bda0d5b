using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Api;

/// <summary>Section <c>Api</c>: how long a request may wait on its dependencies, and what a refused client is told.</summary>
public sealed class ApiOptions : IValidatableObject
{
    public const string Section = "Api";

    /// <summary>
    /// The whole budget of one request. Storage calls give up sooner (<see cref="Storage.StorageRetryBudget.Requests"/>);
    /// this bounds a handler that makes several of them in a row, so a client is answered 503 before it gives up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Budgets of endpoints that need longer than <see cref="RequestTimeout"/>, by endpoint name: an upload's budget
    /// includes the time its body takes to arrive over a phone's connection (10 MB at 1 Mbit/s is 80 s).
    /// </summary>
    public Dictionary<string, TimeSpan> EndpointTimeouts { get; set; } = new(StringComparer.Ordinal)
    {
        [ApiEndpointNames.UploadAttachment] = TimeSpan.FromMinutes(2),
    };

    /// <summary>The budget of the endpoint named <paramref name="endpointName"/>.</summary>
    public TimeSpan TimeoutOf(string endpointName) => EndpointTimeouts.TryGetValue(endpointName, out var timeout) ? timeout : RequestTimeout;

    /// <summary>The Retry-After of a 503 answered because a dependency was down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, timeout) in EndpointTimeouts)
        {
            if (timeout < TimeSpan.FromSeconds(1) || timeout > TimeSpan.FromMinutes(10))
            {
                yield return new ValidationResult($"Api:EndpointTimeouts:{name} is between 00:00:01 and 00:10:00.", [nameof(EndpointTimeouts)]);
            }
        }
    }
}
