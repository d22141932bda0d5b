using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.LoadHarness;
using Lyg.Testing;

// Usage: dotnet run -c Release --project tests/Lyg.LoadHarness [-- <requests per scenario> <concurrency> <cases>]
//    or: dotnet run -c Release --project tests/Lyg.LoadHarness -- soak [<minutes> <reports per minute> <reads per report> [<max in flight>]] [--azurite-in-memory]
//    or: dotnet run -c Release --project tests/Lyg.LoadHarness -- ingest [<minutes> <readings per second> <batch size> <sensors> <max in flight>] [--azurite-in-memory]
if (args is ["soak", .. var soakArguments])
{
    await Soak.RunAsync(soakArguments);
    return;
}

if (args is ["ingest", .. var ingestArguments])
{
    await Ingest.RunAsync(ingestArguments);
    return;
}

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var caseCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;

// The case workflow reads its case once at start and once per nudge: six actions on the happy path.
const int WorkflowActivitiesPerCase = 7;

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

var dispatcher = await host.ClientForAsync("dispatcher-load", Roles.Dispatcher);
var unitCode = (await operatorClient.GetFromJsonAsync("api/v1/units?kind=enterprise&limit=1", LygJsonContext.Default.UnitPage))!.Items[0].Code;
var unit = await host.ClientForAsync("unit-load", Roles.Unit, unitCode);

async Task ActAsync(HttpClient client, string caseId, string action, string json)
{
    using var response = await client.PostAsync($"api/v1/cases/{caseId}/actions/{action}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
    Expect(response, HttpStatusCode.Accepted);
}

// 发现 → 立案 → 派单 → 签收 → 处置 → 核查 → 结案, then a bounded wait for the workflow to end with the case.
async Task HappyPathAsync()
{
    var caseId = await SubmitAsync();
    await ActAsync(operatorClient, caseId, "register", """{"categoryCode":"0101","urgency":"normal"}""");
    await ActAsync(dispatcher, caseId, "dispatch", $$"""{"unitCode":"{{unitCode}}"}""");
    await ActAsync(unit, caseId, "accept", "{}");
    await ActAsync(unit, caseId, "complete", """{"result":"已更换"}""");
    await ActAsync(operatorClient, caseId, "check", """{"passed":true}""");
    for (var poll = 0; poll < 1500; poll++)
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

await using var bare = await BareOrchestration.StartAsync(azurite.ConnectionString);
await Load.RunAsync(concurrency, concurrency, () => bare.RunOnceAsync(WorkflowActivitiesPerCase));
var bareRun = await Load.RunAsync(caseCount, concurrency, () => bare.RunOnceAsync(WorkflowActivitiesPerCase));
var cases = await Load.RunAsync(caseCount, concurrency, HappyPathAsync);

Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores, {RuntimeInformation()}, {concurrency} in flight");
Console.WriteLine();
Print("HTTP, against GET health", baseline,
[
    ($"baseline: GET health (1 table read + 1 durable status read), {requests} requests", baseline),
    ($"POST v1/reports (number, case + timeline, start workflow), {requests} requests", intake),
]);
Print("Cases, against a bare orchestration", bareRun,
[
    ($"baseline: orchestration with {WorkflowActivitiesPerCase} no-op activity calls, {caseCount} instances", bareRun),
    ($"case report → close over HTTP (6 requests, workflow to completion), {caseCount} cases", cases),
]);

static void Print(string title, LoadResult baseline, (string Name, LoadResult Result)[] rows)
{
    Console.WriteLine($"### {title}");
    Console.WriteLine("| scenario | ops/s | p50 ms | p95 ms | throughput vs baseline | p50 vs baseline |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, result) in rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {result.PerSecond:F1} | {result.P50.TotalMilliseconds:F0} | {result.P95.TotalMilliseconds:F0} | {result.PerSecond / baseline.PerSecond:F2} | {result.P50 / baseline.P50:F1} |"));
    }

    Console.WriteLine();
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
