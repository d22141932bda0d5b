using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.LoadHarness;

/// <summary>
/// The soak: reports arrive open-loop at a fixed rate, one every 60/rate seconds whatever the earlier ones are doing,
/// each followed by a staff console's reads (the new case, then the first page of the case list, alternating). At most
/// <c>maxInFlight</c> reports with their reads run at once; an arrival that finds them all busy is shed and counted.
/// Every minute prints throughput, latencies, errors, the host's memory and CPU, Azurite's CPU, the open cases and the
/// task hub's queued messages (pending timers included); the end prints the same as a markdown table.
/// </summary>
internal static class Soak
{
    private const string TaskHub = "soak";
    private const int WarmUpReports = 10;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string[] args)
    {
        var arguments = new HarnessArguments(args);
        var inMemory = arguments.AzuriteInMemory;
        var minutes = arguments.At(0, 10);
        var perMinute = arguments.At(1, 500);
        var readsPerReport = arguments.At(2, 2);
        var maxInFlight = arguments.At(3, 200);

        await using var azurite = await AzuriteInstance.StartAsync(inMemory);
        await using var host = await StandaloneHost.StartAsync(azurite.ConnectionString, TaskHub);
        var run = new SoakRun(
            await host.ClientForAsync("citizen-soak", Roles.Citizen),
            await host.ClientForAsync("operator-soak", Roles.Operator),
            readsPerReport,
            minutes);
        var queues = new QueueServiceClient(azurite.ConnectionString);
        var hostLog = new SoakHostLog();
        host.OutputLine += hostLog.Add;

        Console.WriteLine($"soak: {minutes} min, {perMinute} reports/min with {readsPerReport} reads each, at most {maxInFlight} in flight, Azurite {(inMemory ? "in memory" : "on disk")}; " +
            $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var i = 0; i < WarmUpReports; i++)
        {
            await run.OneReportAsync(null);
        }

        var clock = Stopwatch.StartNew();
        hostLog.Clock = clock;
        var samples = new List<ProcessSample> { await SampleAsync(run, host.ProcessId, azurite.ProcessId, queues, clock) };
        var sampler = SampleEveryMinuteAsync(run, samples, host.ProcessId, azurite.ProcessId, queues, clock, minutes);

        var interval = Minute / perMinute;
        var running = new List<Task>(minutes * perMinute);
        var inFlight = 0;
        for (var i = 0; i < minutes * perMinute; i++)
        {
            var due = interval * i;
            if (due - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            var minute = run.Minutes[(int)(due / Minute)];
            Interlocked.Increment(ref minute.Offered);
            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                Interlocked.Increment(ref minute.Shed);
                continue;
            }

            running.Add(Task.Run(async () =>
            {
                try
                {
                    await run.OneReportAsync(clock);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }

        await sampler;
        var drained = Task.WhenAll(running);
        await Task.WhenAny(drained, Task.Delay(DrainBound));
        var drainTime = clock.Elapsed - minutes * Minute;
        samples.Add(await SampleAsync(run, host.ProcessId, azurite.ProcessId, queues, clock));

        Console.WriteLine();
        PrintTable(run, samples, minutes, perMinute, drained.IsCompleted ? drainTime : null);
        hostLog.Print();
    }

    private static async Task SampleEveryMinuteAsync(
        SoakRun run, List<ProcessSample> samples, int hostPid, int azuritePid, QueueServiceClient queues, Stopwatch clock, int minutes)
    {
        Console.WriteLine(SoakRow.Header);
        Console.WriteLine(SoakRow.Rule);
        for (var m = 1; m <= minutes; m++)
        {
            if (m * Minute - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            samples.Add(await SampleAsync(run, hostPid, azuritePid, queues, clock));
            Console.WriteLine(SoakRow.Format(m.ToString(CultureInfo.InvariantCulture), run.Minutes[m - 1], samples[m - 1], samples[m]));
        }
    }

    private static async Task<ProcessSample> SampleAsync(SoakRun run, int hostPid, int azuritePid, QueueServiceClient queues, Stopwatch clock)
    {
        var sample = ProcessSample.Take(hostPid, azuritePid, clock.Elapsed, run.OpenCases);
        return sample with { QueuedMessages = await QueuedMessagesAsync(queues) };
    }

    /// <summary>Messages in the task hub's control and work-item queues, visible or not: pending durable timers are among them.</summary>
    private static async Task<long> QueuedMessagesAsync(QueueServiceClient queues)
    {
        long count = 0;
        await foreach (var queue in queues.GetQueuesAsync(prefix: TaskHub))
        {
            count += (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }

        return count;
    }

    private static void PrintTable(SoakRun run, List<ProcessSample> samples, int minutes, int perMinute, TimeSpan? drainTime)
    {
        Console.WriteLine($"### Soak: {minutes} min at {perMinute} reports/min ({perMinute / 60.0:F1}/s), {run.ReadsPerReport} reads each");
        Console.WriteLine(SoakRow.Header);
        Console.WriteLine(SoakRow.Rule);
        for (var m = 0; m < minutes; m++)
        {
            Console.WriteLine(SoakRow.Format((m + 1).ToString(CultureInfo.InvariantCulture), run.Minutes[m], samples[m], samples[m + 1]));
        }

        var drain = run.Minutes[minutes];
        if (drain.Completed > 0 || drain.ErrorCount > 0)
        {
            Console.WriteLine(SoakRow.Format("drain", drain, samples[minutes], samples[minutes + 1]));
        }

        var completed = run.Minutes.Sum(m => m.Completed);
        var offered = run.Minutes.Sum(m => m.Offered);
        var shed = run.Minutes.Sum(m => m.Shed);
        var errors = run.Minutes.Sum(m => m.ErrorCount);
        var (_, lastP95) = run.Minutes[minutes - 1].ReportPercentiles();
        Console.WriteLine();
        var ending = drainTime is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"the last in-flight reports finished {d.TotalSeconds:F1} s after the arrivals ended")
            : $"some were still in flight {DrainBound.TotalSeconds:F0} s after the arrivals ended";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- {completed} of {offered} reports accepted ({completed / (minutes * 60.0):F2}/s over {minutes} min against {perMinute / 60.0:F2}/s offered), {shed} shed, {errors} errors; {ending}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- report p95 in the last minute: {SoakRow.Milliseconds(lastP95)} ms; host RSS {samples[1].HostRss / 1048576.0:F0} MB after minute 1, {samples[minutes].HostRss / 1048576.0:F0} MB after minute {minutes} ({(samples[minutes].HostRss / (double)samples[1].HostRss - 1) * 100:+0.0;-0.0;0.0} %)."));
    }

}

/// <summary>The clients and counters of one soak; a report's figures go to the minute in which it finished.</summary>
internal sealed class SoakRun(HttpClient citizen, HttpClient staff, int readsPerReport, int minutes)
{
    private static readonly SubmitReportRequest SoakReport = new(
        "井盖缺失", null, new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84), "海州区朝阳中路", []);

    private long _openCases;

    /// <summary>One per minute of arrivals, and one more for what finishes after them.</summary>
    public SoakMinute[] Minutes { get; } = [.. Enumerable.Range(0, minutes + 1).Select(_ => new SoakMinute())];

    public int ReadsPerReport => readsPerReport;

    /// <summary>Every case stays open in the soak (none is closed or voided), so every accepted report is an open case.</summary>
    public long OpenCases => Interlocked.Read(ref _openCases);

    /// <summary>A report and its reads; figures are kept only when <paramref name="clock"/> runs (not while warming up).</summary>
    public async Task OneReportAsync(Stopwatch? clock)
    {
        var started = Stopwatch.GetTimestamp();
        var (status, caseId) = await SubmitAsync();
        Record(clock, "report", status, Stopwatch.GetElapsedTime(started), (m, ms) => m.AddReport(ms));
        if (caseId is null)
        {
            return;
        }

        Interlocked.Increment(ref _openCases);
        for (var r = 0; r < readsPerReport; r++)
        {
            started = Stopwatch.GetTimestamp();
            var readStatus = await GetAsync(r % 2 == 0 ? $"api/v1/cases/{caseId}" : "api/v1/cases?limit=20");
            Record(clock, "read", readStatus, Stopwatch.GetElapsedTime(started), (m, ms) => m.AddRead(ms));
        }
    }

    private void Record(Stopwatch? clock, string what, string status, TimeSpan latency, Action<SoakMinute, double> add)
    {
        if (clock is null)
        {
            return;
        }

        var minute = Minutes[Math.Min((int)(clock.Elapsed / TimeSpan.FromMinutes(1)), Minutes.Length - 1)];
        if (status is "202" or "200")
        {
            add(minute, latency.TotalMilliseconds);
        }
        else
        {
            minute.AddError($"{what} {status}");
        }
    }

    private async Task<(string Status, string? CaseId)> SubmitAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reports")
        {
            Content = JsonContent.Create(SoakReport, LygJsonContext.Default.SubmitReportRequest),
        };
        // A real reporting app sends one, so that its retries cannot make a second case.
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await citizen.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Accepted
                ? ("202", (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportAccepted))!.CaseId)
                : (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (ex is TaskCanceledException ? "timeout" : ex.GetType().Name, null);
        }
    }

    /// <summary>A read as the operator's console makes it: the case just reported, or the first page of the case list.</summary>
    private async Task<string> GetAsync(string path)
    {
        try
        {
            using var response = await staff.GetAsync(path);
            await response.Content.LoadIntoBufferAsync();
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex is TaskCanceledException ? "timeout" : ex.GetType().Name;
        }
    }
}
