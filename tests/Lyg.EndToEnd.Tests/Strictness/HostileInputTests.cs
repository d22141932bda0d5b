using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Strictness;

/// <summary>
/// The hostile-input corpus against the running host: every request gets its 4xx problem (or, dropped by the client,
/// no answer), writes nothing, starts no workflow and makes the host log no unhandled error.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class HostileInputTests(HubFixture hub)
{
    private const string ProblemJson = "application/problem+json";

    // How long the host may take to finish with a request whose client is gone, before its log is read.
    private static readonly TimeSpan DroppedRequestGrace = TimeSpan.FromMilliseconds(150);

    private static readonly SemaphoreSlim TargetLock = new(1, 1);
    private static Target? _target;

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var hostile in HostileCorpus.All)
        {
            data.Add(hostile.Endpoint, hostile.Name);
        }

        return data;
    }

    [Fact]
    public void Every_endpoint_of_the_catalogue_has_corpus_entries_unless_it_takes_no_body_enum_number_or_date()
    {
        var endpoints = FunctionsMetadata.Load().Where(b => b.TriggerType == "httpTrigger").ToList();
        var attacked = HostileCorpus.All.Select(h => h.Endpoint.Split('/')[0]).ToHashSet(StringComparer.Ordinal);

        var withBody = endpoints.Where(e => e.Methods.Any(m => m is "POST" or "PUT" or "PATCH")).Select(e => e.Function);

        Assert.Equal<string>([], [.. endpoints.Select(e => e.Function).Where(f =>
            !attacked.Contains(f) && !HostileCorpus.WithoutHostileInput.Contains(f) && !HostileCorpus.SpeakingOpen311.Contains(f)
            && !HostileCorpus.SignedWithOwnHostileInput.Contains(f))]);
        Assert.Equal<string>([], [.. withBody.Where(HostileCorpus.WithoutHostileInput.Contains)]);
        Assert.Equal<string>([], [.. HostileCorpus.WithoutHostileInput.Where(attacked.Contains)]);
    }

    [Fact]
    public void Every_case_action_has_corpus_entries()
    {
        var actions = typeof(CaseActionNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal<string>([], [.. actions.Where(a => !HostileCorpus.All.Any(h => h.Endpoint == $"{HostileCorpus.ApplyCaseAction}/{a}"))]);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_hostile_request_gets_a_problem_and_changes_nothing(string endpoint, string name)
    {
        var hostile = HostileCorpus.Find(endpoint, name);
        var target = await TargetAsync();
        var path = hostile.Path
            .Replace("{caseId}", target.CaseId, StringComparison.Ordinal)
            .Replace("{unitCode}", "HOSTILE-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(), StringComparison.Ordinal);
        var client = hostile.Role is null ? hub.Host.Anonymous : target.Clients[hostile.Role];
        // The target case changes only by a request that got through, so every row compares it with how it was made.
        var before = hostile.Untouched == Untouched.TargetCase ? target.Made : await SnapshotAsync(hostile.Untouched, target, path);
        var mark = hub.Host.OutputMark;

        var answer = await SendAsync(client, hostile, path);

        if (hostile.Status is { } status)
        {
            Assert.NotNull(answer);
            Assert.Equal(status, answer.Value.Status);
            Assert.Equal(status < 400 ? "application/json" : ProblemJson, answer.Value.ContentType);
            if (answer.Value.Problem is { } problem)
            {
                Assert.Equal(status, problem.GetProperty("status").GetInt32());
                AssertNamesTheField(hostile, problem);
            }
        }
        else
        {
            await Task.Delay(DroppedRequestGrace);
        }

        Assert.Equal(before, await SnapshotAsync(hostile.Untouched, target, path));
        Assert.DoesNotContain(hub.Host.OutputSince(mark), line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("nhandled exception", StringComparison.Ordinal));
    }

    private static void AssertNamesTheField(Hostile hostile, JsonElement problem)
    {
        var type = problem.GetProperty("type").GetString();
        if (hostile.Field is null)
        {
            Assert.DoesNotContain("/validation", type, StringComparison.Ordinal);
            return;
        }

        Assert.EndsWith("/validation", type, StringComparison.Ordinal);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.StartsWith(hostile.Field, f, StringComparison.Ordinal));
    }

    private async Task<(int Status, string? ContentType, JsonElement? Problem)?> SendAsync(HttpClient client, Hostile hostile, string path)
    {
        if (hostile.Framing == Framing.Length)
        {
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), path);
            if (hostile.Body is not null)
            {
                request.Content = new ByteArrayContent(hostile.Body);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
            }

            using var response = await client.SendAsync(request);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            JsonElement? problem = mediaType == ProblemJson ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
            return ((int)response.StatusCode, mediaType, problem);
        }

        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{hostile.Method} /{path} HTTP/1.1\r\nHost: {hub.Host.BaseAddress.Authority}\r\nContent-Type: {hostile.ContentType}\r\n")
            .Append(client.DefaultRequestHeaders.Authorization is { } auth ? $"Authorization: {auth}\r\n" : "");
        var body = hostile.Body!;
        switch (hostile.Framing)
        {
            case Framing.MalformedChunk:
                head.Append("Transfer-Encoding: chunked\r\n\r\n");
                body = [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\nzz\r\n"u8];
                break;
            case Framing.Chunked:
                head.Append("Transfer-Encoding: chunked\r\n\r\n");
                body = [.. Encoding.ASCII.GetBytes($"{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8];
                break;
            default:
                head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length + 100}\r\n\r\n");
                break;
        }

        if (hostile.Framing is Framing.CutShort or Framing.Dropped)
        {
            await RawHttp.SendAndCloseAsync(hub.Host.BaseAddress, head.ToString(), body, reset: hostile.Framing == Framing.Dropped);
            return null;
        }

        var (rawStatus, rawType) = await RawHttp.SendAsync(hub.Host.BaseAddress, head.ToString(), body);
        return (rawStatus, rawType?.Split(';')[0], null);
    }

    /// <summary>What the request must leave unchanged, as text to compare.</summary>
    private async Task<string> SnapshotAsync(Untouched untouched, Target target, string path)
    {
        switch (untouched)
        {
            case Untouched.Cases:
                return $"{await hub.CountCasesAsync()} cases, {await hub.CountWorkflowsAsync()} workflows";
            case Untouched.TargetCase:
                return await CaseSnapshotAsync(target.Clients[Roles.Operator], target.CaseId);
            case Untouched.Resource:
                using (var resource = await target.Clients[Roles.Admin].GetAsync(path))
                {
                    return resource.StatusCode.ToString();
                }

            default:
                return "";
        }
    }

    /// <summary>What an action would change on a case; actions never start a workflow (the case's own one runs on).</summary>
    private static async Task<string> CaseSnapshotAsync(HttpClient client, string caseId)
    {
        var stored = await client.GetCaseAsync(caseId);
        return $"{stored.State} {stored.UpdatedAt:O} {stored.Timeline.Count} entries {stored.Pending} {stored.Satisfaction} {stored.AssignedUnit} "
            + $"{stored.Urgency} {stored.CategoryCode} {stored.CategoryKind}";
    }

    /// <summary>A reported case every action attacks, and a client per role, made once for the corpus.</summary>
    private async Task<Target> TargetAsync()
    {
        await TargetLock.WaitAsync();
        try
        {
            if (_target is null)
            {
                var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
                foreach (var role in new[] { Roles.Citizen, Roles.Inspector, Roles.Operator, Roles.ShiftLead, Roles.Dispatcher, Roles.Supervisor, Roles.Admin })
                {
                    clients[role] = await hub.Host.ClientForAsync($"hostile-{role}", role);
                }

                clients[Roles.Unit] = await hub.Host.ClientForAsync("hostile-unit", Roles.Unit, "DEPT-CGJ");
                var caseId = await clients[Roles.Citizen].SubmitCaseAsync();
                _target = new Target(caseId, clients, await CaseSnapshotAsync(clients[Roles.Operator], caseId));
            }

            return _target;
        }
        finally
        {
            TargetLock.Release();
        }
    }

    private sealed record Target(string CaseId, IReadOnlyDictionary<string, HttpClient> Clients, string Made);
}
