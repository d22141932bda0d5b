using System.Text.Json;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lyg.Hub.Tests.Support;

/// <summary>What an <see cref="IResult"/> wrote: status, content type, headers and the JSON body.</summary>
public sealed record ExecutedResult(int Status, string? ContentType, IHeaderDictionary Headers, JsonElement Body)
{
    public string? ProblemType => Body.TryGetProperty("type", out var type) ? type.GetString() : null;

    public string? Detail => Body.TryGetProperty("detail", out var detail) ? detail.GetString() : null;

    /// <summary>The reason code of a refusal.</summary>
    public string? Reason => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    /// <summary>The field names of a validation problem's <c>errors</c> object.</summary>
    public IReadOnlyList<string> ErrorFields =>
        Body.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];
}

public static class ResultRunner
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Runs the result against a fresh response, or against <paramref name="context"/>'s response if given.</summary>
    /// <param name="problemDetailsService">
    /// True to write problems through the problem details service, as the standalone host does; false to write them
    /// as they are, as the Functions app does.
    /// </param>
    public static async Task<ExecutedResult> ExecuteAsync(IResult result, HttpContext? context = null, bool problemDetailsService = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var http = context ?? new DefaultHttpContext();
        var registrations = new ServiceCollection().AddLogging();
        var services = (problemDetailsService ? registrations.AddLygProblemDetails() : registrations).BuildServiceProvider();
        await using (services)
        {
            http.RequestServices = services;
            using var body = new MemoryStream();
            http.Response.Body = body;
            await result.ExecuteAsync(http);
            var json = body.Length == 0 ? default : JsonDocument.Parse(body.ToArray()).RootElement.Clone();
            return new ExecutedResult(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers, json);
        }
    }
}
