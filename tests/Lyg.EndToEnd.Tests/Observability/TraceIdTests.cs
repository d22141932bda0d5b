using System.Diagnostics;
using System.Net;
using System.Text;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Observability;

/// <summary>
/// The trace id a problem answer carries is the caller's trace, and the trace exported under it: a caller who sent a
/// <c>traceparent</c> finds its failure by its own id. The suite's host exports nothing, so this also shows that
/// requests are traced without an exporter.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class TraceIdTests(HubFixture hub)
{
    private const string InvalidReport = """{"location":{"lat":34.6,"lon":119.2,"crs":"wgs84"}}""";

    [Fact]
    public async Task A_request_that_fails_validation_answers_a_problem_with_the_trace_id_it_was_sent()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-traced", Roles.Citizen);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        using var response = await citizen.SendAsync(Traced(HttpMethod.Post, "api/v1/reports", traceId, InvalidReport));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _));
        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Problems_of_the_gate_and_of_the_framework_carry_the_sent_trace_id_too()
    {
        var unauthenticatedTrace = ActivityTraceId.CreateRandom().ToHexString();
        var notFoundTrace = ActivityTraceId.CreateRandom().ToHexString();

        using var unauthenticated = await hub.Host.Anonymous.SendAsync(Traced(HttpMethod.Get, "api/v1/cases", unauthenticatedTrace));
        using var notFound = await hub.Host.Anonymous.SendAsync(Traced(HttpMethod.Get, "api/v1/no-such-route", notFoundTrace));

        Assert.Equal(unauthenticatedTrace, (await unauthenticated.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("traceId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var frameworkProblem = await notFound.Content.ReadAsStringAsync();
        Assert.Contains($"\"traceId\":\"{notFoundTrace}\"", frameworkProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_console_export_on_the_problems_trace_id_is_the_exported_traces()
    {
        await using var host = await StandaloneHost.StartAsync(
            hub.Azurite.ConnectionString, "e2etelemetry", new Dictionary<string, string> { ["Telemetry__Console"] = "true", ["Durable__WorkerId"] = "e2e-telemetry" });
        var citizen = await host.ClientForAsync("citizen-exported", Roles.Citizen);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var mark = host.OutputMark;

        using var response = await citizen.SendAsync(Traced(HttpMethod.Post, "api/v1/reports", traceId, InvalidReport));

        Assert.Equal(traceId, (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("traceId").GetString());
        var exported = await Poll.UntilAsync(
            () => Task.FromResult(host.OutputSince(mark)),
            lines => lines.Any(l => l.Contains("Activity.TraceId", StringComparison.Ordinal) && l.Contains(traceId, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "the request's span on the console");
        Assert.Contains(exported, l => l.Contains("service.name: lyg-standalone", StringComparison.Ordinal));
    }

    /// <summary>A request that joins the caller's trace <paramref name="traceId"/>, sampled, as a W3C traceparent says.</summary>
    private static HttpRequestMessage Traced(HttpMethod method, string path, string traceId, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
