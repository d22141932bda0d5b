using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.LoadHarness;
using Lyg.Testing;

// Usage: dotnet run -c Release --project tests/Lyg.LoadHarness [-- <requests per scenario> <concurrency>]
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;

await using var azurite = await AzuriteInstance.StartAsync();
await using var host = await StandaloneHost.StartAsync(azurite.ConnectionString, "loadharness");
var citizen = await host.ClientForAsync("citizen-load", Roles.Citizen);
var operatorClient = await host.ClientForAsync("operator-load", Roles.Operator);
var report = new SubmitReportRequest(
    "井盖缺失", null, new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84), "海州区朝阳中路", []);

async Task<string> SubmitAsync()
{
    using var response = await citizen.PostAsJsonAsync("api/v1/reports", report, LygJsonContext.Default.SubmitReportRequest);
    Expect(response, HttpStatusCode.Accepted);
    return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted))!.CaseId;
}

async Task HealthAsync()
{
    using var response = await host.Anonymous.GetAsync("api/health");
    Expect(response, HttpStatusCode.OK);
}

async Task ReportToRegisteredAsync()
{
    var caseId = await SubmitAsync();
    using (var registered = await operatorClient.PostAsJsonAsync(
        $"api/v1/cases/{caseId}/actions/register", new RegisterCaseRequest("0101", Urgency.Normal, null), LygJsonContext.Default.RegisterCaseRequest))
    {
        Expect(registered, HttpStatusCode.Accepted);
    }

    // Bounded wait for the workflow to take the signal and finish its stage.
    for (var poll = 0; poll < 600; poll++)
    {
        var view = await operatorClient.GetFromJsonAsync($"api/v1/cases/{caseId}", LygJsonContext.Default.CaseView);
        if (view!.Workflow?.Status == "completed")
        {
            return;
        }

        await Task.Delay(20);
    }

    throw new TimeoutException($"The workflow of {caseId} did not finish within the harness's bound.");
}

Console.WriteLine($"warming up ({concurrency * 4} of each)…");
await Load.RunAsync(concurrency * 4, concurrency, HealthAsync);
await Load.RunAsync(concurrency * 4, concurrency, SubmitAsync);

var baseline = await Load.RunAsync(requests, concurrency, HealthAsync);
var intake = await Load.RunAsync(requests, concurrency, SubmitAsync);
var roundTrip = await Load.RunAsync(Math.Max(requests / 4, concurrency), concurrency, ReportToRegisteredAsync);

Console.WriteLine();
Console.WriteLine($"{requests} requests per scenario, {concurrency} concurrent, {Environment.ProcessorCount} cores, {RuntimeInformation()}");
Console.WriteLine();
Console.WriteLine("| scenario | operations | ops/s | p50 ms | p95 ms | throughput vs baseline | p50 vs baseline |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, result) in new[]
{
    ("baseline: GET health (1 table read + 1 durable status read)", baseline),
    ("POST v1/reports (number, case + timeline, start workflow)", intake),
    ("report → register → workflow stage completed", roundTrip),
})
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.Operations} | {result.PerSecond:F0} | {result.P50.TotalMilliseconds:F1} | {result.P95.TotalMilliseconds:F1} | {result.PerSecond / baseline.PerSecond:F2} | {result.P50 / baseline.P50:F1} |"));
}

static void Expect(HttpResponseMessage response, HttpStatusCode status)
{
    if (response.StatusCode != status)
    {
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
    }
}

static string RuntimeInformation() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

namespace Lyg.LoadHarness
{
    internal sealed record LoadResult(int Operations, double PerSecond, TimeSpan P50, TimeSpan P95);

    internal static class Load
    {
        /// <summary>Runs <paramref name="operations"/> calls with at most <paramref name="concurrency"/> in flight.</summary>
        public static async Task<LoadResult> RunAsync(int operations, int concurrency, Func<Task> operation)
        {
            var latencies = new TimeSpan[operations];
            var next = -1;
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < operations)
                {
                    var one = Stopwatch.StartNew();
                    await operation();
                    latencies[index] = one.Elapsed;
                }
            }));
            total.Stop();
            Array.Sort(latencies);
            return new LoadResult(operations, operations / total.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.95));
        }

        private static TimeSpan Percentile(TimeSpan[] sorted, double share) => sorted[(int)Math.Ceiling(share * sorted.Length) - 1];
    }
}
