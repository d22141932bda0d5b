using System.Diagnostics;
using System.Net;
using Lyg.Contracts;
using Lyg.Testing;
using Xunit.Abstractions;

namespace Lyg.EndToEnd.Tests.Resilience;

/// <summary>
/// Table storage behind a switchable proxy, so a host (its API, its durable backend) sees it hang and then refuse:
/// every request is answered within 10 s with 503 problem+json and Retry-After, health says unhealthy without showing
/// internals to an anonymous caller, and when storage returns the host serves again by itself; no report answered 202
/// is lost.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class StorageOutageTests(HubFixture hub, ITestOutputHelper output)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Hung_or_refusing_table_storage_is_answered_503_within_10_s_and_the_host_recovers_without_a_restart()
    {
        await using var proxy = StorageProxy.Start(hub.Azurite.TablePort);
        var connection = AzuriteInstance.ConnectionStringFor(hub.Azurite.BlobPort, hub.Azurite.QueuePort, proxy.Port);
        await using var host = await StandaloneHost.StartAsync(connection, "e2eoutage", HubFixture.ShortTimings());
        var citizen = await host.ClientForAsync("citizen-outage", Roles.Citizen);
        var operatorClient = await host.ClientForAsync("operator-outage", Roles.Operator);
        var accepted = new List<string> { await citizen.SubmitCaseAsync() };

        foreach (var outage in new[] { StorageProxy.Mode.Hang, StorageProxy.Mode.Refuse })
        {
            proxy.Switch(outage);
            var answers = await Task.WhenAll(
                TimedAsync("report", () => citizen.SubmitAsync(Api.ManholeReport(), $"outage-{outage}")),
                TimedAsync("case", () => citizen.GetAsync($"api/v1/cases/{accepted[0]}")),
                TimedAsync("list", () => operatorClient.GetAsync("api/v1/cases?limit=5")),
                TimedAsync("action", () => operatorClient.RegisterAsync(accepted[0])));
            foreach (var (what, response, elapsed) in answers)
            {
                output.WriteLine($"{outage}: {what} answered {(int)response.StatusCode} in {elapsed.TotalSeconds:F1} s");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    output.WriteLine(host.RecentOutput);
                }

                Assert.True(elapsed < AnswerWithin, $"{outage}: {what} took {elapsed}");
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{outage}: {what} has no Retry-After");
                Assert.Null(response.Headers.Location);
                response.Dispose();
            }

            var (_, health, healthTook) = await TimedAsync("health", () => host.Anonymous.GetAsync("api/health"));
            Assert.True(healthTook < AnswerWithin);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var report = await health.Content.ReadAsStringAsync();
            Assert.Contains("\"unhealthy\"", report, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", report, StringComparison.Ordinal);

            proxy.Switch(StorageProxy.Mode.Forward);
            var recovery = Stopwatch.StartNew();
            await Poll.UntilAsync(async () => (await host.Anonymous.GetAsync("api/health")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "health after the outage");
            accepted.Add(await citizen.SubmitCaseAsync());
            output.WriteLine($"{outage}: healthy and accepting reports again {recovery.Elapsed.TotalSeconds:F1} s after storage returned");
        }

        foreach (var caseId in accepted)
        {
            var stored = await Poll.UntilAsync(() => operatorClient.GetCaseAsync(caseId), c => c.Workflow?.Stage == "register", TimeSpan.FromSeconds(60), $"{caseId}'s workflow");
            Assert.Equal(CaseState.Reported, stored.State);
        }
    }

    private static async Task<(string What, HttpResponseMessage Response, TimeSpan Elapsed)> TimedAsync(string what, Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        var response = await call();
        return (what, response, clock.Elapsed);
    }
}
