using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Api;

/// <summary>Section <c>Api</c>: how long a request may wait on its dependencies, and what a refused client is told.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The whole budget of one request. Storage calls give up sooner (<see cref="Storage.StorageRetryBudget.Requests"/>);
    /// this bounds a handler that makes several of them in a row, so a client is answered 503 before it gives up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The Retry-After of a 503 answered because a dependency was down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
