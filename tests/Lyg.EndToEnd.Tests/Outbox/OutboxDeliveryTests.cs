using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;
using Xunit.Abstractions;

namespace Lyg.EndToEnd.Tests.Outbox;

/// <summary>
/// The outbox through the standalone host and a real destination on loopback: case actions over HTTP become signed
/// case events at the destination, in order per case; a destination that is down, then slow, then back gets every
/// message once; a refused message is dead until an administrator redelivers it; and a host killed with -9 after an
/// action was answered, before its message was delivered, delivers it exactly once after the restart.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class OutboxDeliveryTests(HubFixture hub, ITestOutputHelper output)
{
    private const string Destination = "city-dashboard";
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Case_events_reach_the_destination_in_order_through_down_slow_and_back_each_once()
    {
        await using var destination = await DestinationServer.StartAsync();
        await using var host = await StartHostAsync(destination, "e2eoutbox");
        var (citizen, operatorClient, shiftLead, admin) = await ClientsAsync(host);

        var first = await citizen.SubmitCaseAsync();
        await Api.ExpectAcceptedAsync(operatorClient.RegisterAsync(first));
        await UntilTakenAsync(destination, host, 2);

        destination.Switch(DestinationServer.Behaviour.Down);
        await Api.ExpectAcceptedAsync(shiftLead.ActAsync(first, "void", """{"reason":"重复上报"}"""));
        var second = await citizen.SubmitCaseAsync();
        await Api.ExpectAcceptedAsync(operatorClient.RegisterAsync(second));
        // The dispatcher has tried and failed: the admin list shows the messages pending with attempts.
        var pending = await Poll.UntilAsync(
            () => ListAsync(admin, "pending"), p => p.Items.Any(m => m.Attempts > 0), Delivery, "a failed attempt while the destination is down");
        Assert.All(pending.Items, m => Assert.Equal(Destination, m.Destination));
        Assert.Contains(pending.Items, m => m.LastError is not null && m.LastError.StartsWith("The request failed", StringComparison.Ordinal));

        destination.SlowDelay = TimeSpan.FromSeconds(3);
        destination.Switch(DestinationServer.Behaviour.Slow);
        await Poll.UntilAsync(() => Task.FromResult(destination.Received.Count), n => n > 2, Delivery, "an attempt reaching the slow destination");
        destination.Switch(DestinationServer.Behaviour.Up);
        await UntilTakenAsync(destination, host, 5);
        await Poll.UntilAsync(() => ListAsync(admin, "pending"), p => p.Items.Count == 0, Delivery, "no message pending");

        var taken = destination.Taken.Select(Envelope).ToList();
        Assert.Equal([(first, 1), (first, 2), (first, 3), (second, 1), (second, 2)], taken.Select(e => (e.CaseId, e.Sequence)).Order());
        Assert.Equal([1, 2, 3], taken.Where(e => e.CaseId == first).Select(e => e.Sequence));
        Assert.Equal([1, 2], taken.Where(e => e.CaseId == second).Select(e => e.Sequence));
        Assert.Equal(["report", "register", "void"], taken.Where(e => e.CaseId == first).Select(e => e.Payload.GetProperty("action").GetString()));
        // Repeats (the slow destination's) carried the key of a message it had taken, and the same body.
        Assert.All(destination.Received, r => Assert.Equal(destination.Taken.Single(t => t.IdempotencyKey == r.IdempotencyKey).Body, r.Body));
        Assert.All(destination.Received, r => Assert.Equal("lyg-e2e", r.Headers["X-Lyg-Client"]));
        output.WriteLine($"{destination.Received.Count} requests for {destination.Taken.Count} messages");
        Assert.Empty((await ListAsync(admin, "dead")).Items);
    }

    [Fact]
    public async Task A_refused_message_is_dead_until_an_administrator_redelivers_it()
    {
        await using var destination = await DestinationServer.StartAsync();
        await using var host = await StartHostAsync(destination, "e2eoutboxdead");
        var (citizen, _, _, admin) = await ClientsAsync(host);
        destination.Answer(400);

        var caseId = await citizen.SubmitCaseAsync();
        var dead = await Poll.UntilAsync(() => ListAsync(admin, "dead"), p => p.Items.Count == 1, Delivery, "the refused message to be dead");
        var message = Assert.Single(dead.Items);
        Assert.Equal((caseId, 1, 1), (message.CaseId, message.Sequence, message.Attempts));
        Assert.StartsWith("400 Bad Request", message.LastError, StringComparison.Ordinal);

        destination.Switch(DestinationServer.Behaviour.Up);
        using var redelivered = await admin.PostAsync($"api/v1/outbox/messages/{message.Id}/redeliver", null);
        using var again = await admin.PostAsync($"api/v1/outbox/messages/{message.Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        Assert.True(again.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.UnprocessableEntity, $"a repeat answered {again.StatusCode}");
        await UntilTakenAsync(destination, host, 1);

        // The destination answers before the dispatcher records the delivery: wait for the record, then try again.
        await Poll.UntilAsync(() => ListAsync(admin, "pending"), p => p.Items.Count == 0, Delivery, "the delivery to be recorded");
        using var delivered = await admin.PostAsync($"api/v1/outbox/messages/{message.Id}/redeliver", null);
        await delivered.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(message.Id, Assert.Single(destination.Taken).IdempotencyKey);
        Assert.Empty((await ListAsync(admin, "dead")).Items);
    }

    [Fact]
    public async Task A_host_killed_with_9_after_the_action_was_answered_delivers_its_messages_exactly_once_after_restart()
    {
        await using var destination = await DestinationServer.StartAsync();
        await using var host = await StartHostAsync(destination, "e2eoutboxcrash");
        var (citizen, operatorClient, _, admin) = await ClientsAsync(host);
        destination.Switch(DestinationServer.Behaviour.Down);

        var caseId = await citizen.SubmitCaseAsync();
        await Api.ExpectAcceptedAsync(operatorClient.RegisterAsync(caseId));
        await Poll.UntilAsync(() => ListAsync(admin, "pending"), p => p.Items.Any(m => m.Attempts > 0), Delivery, "a failed attempt before the kill");
        host.KillHard();
        destination.Switch(DestinationServer.Behaviour.Up);
        await host.RestartAsync();

        await UntilTakenAsync(destination, host, 2);
        // Nothing reached the destination before the kill; after the restart each message arrived under its one key.
        Assert.Equal([(caseId, 1), (caseId, 2)], destination.Taken.Select(Envelope).Select(e => (e.CaseId, e.Sequence)));
        Assert.Equal(destination.Taken.Select(t => t.IdempotencyKey), destination.Received.Select(r => r.IdempotencyKey).Distinct());
        output.WriteLine($"{destination.Received.Count} requests for {destination.Taken.Count} messages");
        var adminAfter = await host.ClientForAsync("admin-outbox", Roles.Admin);
        await Poll.UntilAsync(() => ListAsync(adminAfter, "pending"), p => p.Items.Count == 0, Delivery, "no message pending after the restart");
    }

    private Task<StandaloneHost> StartHostAsync(DestinationServer destination, string taskHub)
    {
        var settings = HubFixture.ShortTimings();
        var key = $"Outbox__Destinations__{Destination}";
        settings[$"{key}__Url"] = destination.Url.ToString();
        settings[$"{key}__ClientId"] = "lyg-e2e";
        settings[$"{key}__Secret"] = Convert.ToBase64String(new byte[32]);
        settings[$"{key}__Timeout"] = "00:00:01";
        settings[$"{key}__Events__0"] = "*";
        settings["Outbox__PollInterval"] = "00:00:00.2";
        settings["Outbox__RetryBaseDelay"] = "00:00:00.2";
        settings["Outbox__MaxRetryDelay"] = "00:00:01";
        settings["Outbox__BreakDuration"] = "00:00:01";
        // A killed host's lease runs out this soon, so its restart (a new lease owner) goes on without a long wait.
        settings["Outbox__LeaseDuration"] = "00:00:05";
        return StandaloneHost.StartAsync(hub.Azurite.ConnectionString, taskHub, settings);
    }

    private static async Task<(HttpClient Citizen, HttpClient Operator, HttpClient ShiftLead, HttpClient Admin)> ClientsAsync(StandaloneHost host) => (
        await host.ClientForAsync("citizen-outbox", Roles.Citizen),
        await host.ClientForAsync("operator-outbox", Roles.Operator),
        await host.ClientForAsync("shift-lead-outbox", Roles.ShiftLead),
        await host.ClientForAsync("admin-outbox", Roles.Admin));

    private static async Task<OutboxMessagePage> ListAsync(HttpClient admin, string state)
    {
        using var response = await admin.GetAsync($"api/v1/outbox/messages?state={state}&destination={Destination}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(LygJsonContext.Default.OutboxMessagePage))!;
    }

    private static async Task UntilTakenAsync(DestinationServer destination, StandaloneHost host, int count)
    {
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(destination.Taken.Count), n => n >= count, Delivery, $"{count} messages at the destination");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + "Host output:" + Environment.NewLine + host.RecentOutput, ex);
        }
    }

    private static OutboxEnvelope Envelope(ReceivedMessage message) => JsonSerializer.Deserialize(message.Body, LygJsonContext.Default.OutboxEnvelope)!;
}
