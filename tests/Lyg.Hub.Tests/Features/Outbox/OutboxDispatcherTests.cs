using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Outbox;

/// <summary>
/// The dispatcher against a real destination on loopback, with a fake clock for due times, backoff, grace and leases:
/// order per case, signing, retries, dead letters, redelivery, the circuit breaker and the lease between two hosts.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class OutboxDispatcherTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_cases_messages_arrive_in_sequence_order_signed_with_the_message_id_as_idempotency_key_and_are_marked_delivered()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = await ReportAsync(rig);
        await TakeAsync(rig, caseId, new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"urgent"}""");
        await TakeAsync(rig, caseId, new VoidCase(Clocks), ShiftLead, """{"reason":"重复上报"}""");

        var pass = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(new OutboxPass(rig.Name, true, 3, 3, 0, 0), pass);
        var taken = rig.Destination.Taken;
        Assert.Equal(3, rig.Destination.Received.Count);
        var envelopes = taken.Select(Envelope).ToList();
        Assert.Equal([1, 2, 3], envelopes.Select(e => e.Sequence));
        Assert.Equal(["report", "register", "void"], envelopes.Select(e => e.Payload.GetProperty("action").GetString()));
        Assert.Equal("voided", envelopes[2].Payload.GetProperty("toState").GetString());
        Assert.All(envelopes, e => Assert.Equal(caseId, e.CaseId));
        Assert.All(envelopes, e => Assert.Equal(CaseEvents.Kind, e.Kind));
        Assert.All(taken.Zip(envelopes), pair =>
        {
            var (message, envelope) = pair;
            Assert.Equal($"{caseId}.{envelope.Sequence:D5}.case-event.{rig.Name}", message.IdempotencyKey);
            Assert.Equal(envelope.Id, message.IdempotencyKey);
            Assert.Equal(OutboxRig.ClientId, message.Headers[RequestSignature.ClientHeader]);
            Assert.True(RequestSignature.Matches(
                OutboxRig.Secret, "POST", message.PathAndQuery, long.Parse(message.Headers[RequestSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture),
                message.Headers[RequestSignature.NonceHeader], message.Body, message.Headers[RequestSignature.SignatureHeader]));
        });
        Assert.Equal(3, taken.Select(m => m.Headers[RequestSignature.NonceHeader]).Distinct().Count());
        Assert.Empty(await rig.PointersAsync());
        Assert.All(await rig.MessageRowsAsync(caseId), row => Assert.Equal(_time.GetUtcNow(), row.GetDateTimeOffset("DeliveredAt")));
    }

    [Fact]
    public async Task While_the_destination_is_down_a_cases_later_messages_wait_and_once_it_is_back_all_arrive_once_in_order()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var first = await ReportAsync(rig);
        var second = await ReportAsync(rig);
        await TakeAsync(rig, first, new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"normal"}""");
        await TakeAsync(rig, second, new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"normal"}""");
        rig.Destination.Switch(DestinationServer.Behaviour.Down);

        var down = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(new OutboxPass(rig.Name, true, 4, 0, 2, 0), down);
        var pointers = await rig.PointersAsync();
        // Each case's first message was tried and failed; its second waited behind it, untried.
        Assert.Equal([1, 0, 1, 0], pointers.Select(p => p.GetInt32("Attempts")));
        Assert.All(pointers.Where(p => p.GetInt32("Attempts") == 1), p => Assert.StartsWith("The request failed", p.GetString("LastError"), StringComparison.Ordinal));

        rig.Destination.Switch(DestinationServer.Behaviour.Up);
        _time.Advance(rig.Options.RetryBaseDelay);
        var back = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(4, back.Delivered);
        Assert.Equal(4, rig.Destination.Received.Count);
        foreach (var caseId in new[] { first, second })
        {
            Assert.Equal([1, 2], rig.Destination.Taken.Select(Envelope).Where(e => e.CaseId == caseId).Select(e => e.Sequence));
        }

        Assert.Empty(await rig.PointersAsync());
    }

    [Fact]
    public async Task A_failed_attempt_waits_its_jittered_backoff_or_the_destinations_longer_retry_after()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = await ReportAsync(rig);
        rig.Destination.Answer(503);

        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var first = Assert.Single(await rig.PointersAsync());
        var delay = first.GetDateTimeOffset("NextAttemptAt")!.Value - _time.GetUtcNow();
        Assert.InRange(delay, TimeSpan.Zero, rig.Options.RetryBaseDelay);
        Assert.StartsWith("503 Service Unavailable: not taken", first.GetString("LastError"), StringComparison.Ordinal);

        // Not due yet: the pass leaves it alone.
        rig.Destination.Answer(503, retryAfter: "120");
        if (delay > TimeSpan.Zero)
        {
            Assert.Equal(0, (await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Retried);
            Assert.Single(rig.Destination.Received);
        }

        _time.Advance(delay);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var second = Assert.Single(await rig.PointersAsync());
        Assert.Equal(2, second.GetInt32("Attempts"));
        Assert.Equal(_time.GetUtcNow().AddSeconds(120), second.GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(caseId, second.GetString("CaseId"));
    }

    [Fact]
    public async Task A_refused_message_is_dead_at_once_with_the_reason_and_the_cases_next_message_still_goes()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = await ReportAsync(rig);
        rig.Destination.Answer(422);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        rig.Destination.Switch(DestinationServer.Behaviour.Up);
        await TakeAsync(rig, caseId, new RegisterCase(Clocks, Places), Operator, """{"categoryCode":"0201","urgency":"normal"}""");

        var pass = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(1, pass.Delivered);
        Assert.Equal([2], rig.Destination.Taken.Select(m => Envelope(m).Sequence));
        var dead = Assert.Single((await rig.Store.ListAsync(OutboxMessageState.Dead, rig.Name, 10, null, CancellationToken.None)).Items);
        Assert.Equal(new OutboxMessageId(caseId, 1, CaseEvents.Kind, rig.Name).ToString(), dead.Id);
        Assert.Equal(1, dead.Attempts);
        Assert.Null(dead.NextAttemptAt);
        Assert.Equal(_time.GetUtcNow(), dead.DeadAt);
        Assert.StartsWith("422 Unprocessable Entity", dead.LastError, StringComparison.Ordinal);
        Assert.Empty((await rig.Store.ListAsync(OutboxMessageState.Pending, rig.Name, 10, null, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_redelivered_dead_message_is_pending_again_with_its_attempts_reset_and_is_delivered_once()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = await ReportAsync(rig);
        var id = new OutboxMessageId(caseId, 1, CaseEvents.Kind, rig.Name);
        rig.Destination.Answer(400);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(3));

        var (outcome, message) = await rig.Store.RedeliverAsync(id, CancellationToken.None);
        var (again, _) = await rig.Store.RedeliverAsync(id, CancellationToken.None);

        Assert.Equal(RedeliveryOutcome.Redelivered, outcome);
        Assert.Equal(RedeliveryOutcome.AlreadyPending, again);
        Assert.Equal(OutboxMessageState.Pending, message!.State);
        Assert.Equal(0, message.Attempts);
        Assert.Null(message.LastError);
        Assert.Equal(_time.GetUtcNow(), message.NextAttemptAt);

        rig.Destination.Switch(DestinationServer.Behaviour.Up);
        Assert.Equal(1, (await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Delivered);
        Assert.Equal(RedeliveryOutcome.Delivered, (await rig.Store.RedeliverAsync(id, CancellationToken.None)).Outcome);
        Assert.Equal(RedeliveryOutcome.NotFound, (await rig.Store.RedeliverAsync(id with { Sequence = 9 }, CancellationToken.None)).Outcome);
        Assert.Single(rig.Destination.Taken);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_dead_after_its_attempts()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time, new Dictionary<string, string> { ["MaxAttempts"] = "3" });
        await ReportAsync(rig);
        rig.Destination.Answer(500);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
            _time.Advance(rig.Options.MaxRetryDelay);
        }

        var dead = Assert.Single((await rig.Store.ListAsync(OutboxMessageState.Dead, rig.Name, 10, null, CancellationToken.None)).Items);
        Assert.Equal(3, dead.Attempts);
        Assert.StartsWith("Gave up after 3 attempts", dead.LastError, StringComparison.Ordinal);
        Assert.Contains("500 Internal Server Error", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(3, rig.Destination.Received.Count);
    }

    [Fact]
    public async Task A_message_is_dead_once_its_next_attempt_would_fall_after_its_age_budget()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time, new Dictionary<string, string> { ["MaxAge"] = "00:05:00" });
        await ReportAsync(rig);
        rig.Destination.Answer(503);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        Assert.Empty((await rig.Store.ListAsync(OutboxMessageState.Dead, rig.Name, 10, null, CancellationToken.None)).Items);

        _time.Advance(TimeSpan.FromMinutes(5));
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        var dead = Assert.Single((await rig.Store.ListAsync(OutboxMessageState.Dead, rig.Name, 10, null, CancellationToken.None)).Items);
        Assert.Equal(2, dead.Attempts);
    }

    [Fact]
    public async Task A_pointer_without_its_message_waits_out_the_grace_and_is_then_deleted_unsent()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = AzuriteFixture.NewCaseId();
        // A report whose case transaction never commits: its pointer is written, its case and message are not.
        await StageOnlyAsync(rig, caseId, 1);

        var early = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        _time.Advance(rig.Options.OrphanGrace - TimeSpan.FromSeconds(1));
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var kept = await rig.PointersAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(1, early.Pending);
        Assert.Single(kept);
        Assert.Empty(await rig.PointersAsync());
        Assert.Empty(rig.Destination.Received);
    }

    [Fact]
    public async Task A_pointer_whose_sequence_another_change_committed_is_deleted_at_once_and_the_case_goes_on()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = await ReportAsync(rig);
        // Sequence 2 is committed by a change that sends nothing (a store without the outbox), after a change that lost
        // the race to it had written its pointer; the void then commits sequence 3 with its message.
        await StageOnlyAsync(rig, caseId, 2);
        await new CaseSteps(new Lyg.Hub.Storage.CaseStore(azurite.Tables), null!).RegisterAsync(caseId, Morning);
        await TakeAsync(rig, caseId, new VoidCase(Clocks), ShiftLead, """{"reason":"重复上报"}""");

        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal([1, 3], rig.Destination.Taken.Select(m => Envelope(m).Sequence));
        Assert.Empty(await rig.PointersAsync());
    }

    [Fact]
    public async Task After_most_attempts_failed_the_circuit_opens_and_the_pass_stops_calling_the_destination()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time, new Dictionary<string, string> { ["MaxParallelCases"] = "1" });
        for (var i = 0; i < 6; i++)
        {
            await ReportAsync(rig);
        }

        rig.Destination.Answer(503);
        var pass = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);

        Assert.Equal(4, rig.Destination.Received.Count);
        Assert.Equal(4, pass.Retried);
        Assert.Equal(2, (await rig.PointersAsync()).Count(p => p.GetInt32("Attempts") == 0));

        // Half-open after the break: the next pass tries again, and a destination that is back closes the circuit.
        rig.Destination.Switch(DestinationServer.Behaviour.Up);
        _time.Advance(rig.Options.MaxRetryDelay + rig.Options.BreakDuration);
        Assert.Equal(6, (await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Delivered);
    }

    [Fact]
    public async Task Two_hosts_never_deliver_one_destination_at_once_and_the_second_takes_over_when_the_first_stops_renewing()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var other = rig.NewHost().GetRequiredService<OutboxDispatcher>();
        for (var i = 0; i < 4; i++)
        {
            await ReportAsync(rig);
        }

        var passes = await Task.WhenAll(
            rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None), other.DispatchAsync(rig.DestinationOptions, CancellationToken.None));

        Assert.Single(passes, p => p.Leased);
        Assert.Equal(4, passes.Sum(p => p.Delivered));
        Assert.Equal(4, rig.Destination.Received.Count);

        var holder = passes[0].Leased ? rig.Dispatcher : other;
        var waiting = passes[0].Leased ? other : rig.Dispatcher;
        Assert.False((await waiting.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Leased);
        Assert.True((await holder.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Leased);
        _time.Advance(rig.Options.LeaseDuration);
        Assert.True((await waiting.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Leased);
        Assert.False((await holder.DispatchAsync(rig.DestinationOptions, CancellationToken.None)).Leased);
    }

    [Fact]
    public async Task A_slow_destination_is_given_up_on_after_the_timeout_and_the_retry_with_the_same_key_is_taken_once()
    {
        // Real time: the attempt's timeout has to fire while the destination sits on its answer.
        await using var rig = await OutboxRig.StartAsync(
            azurite, TimeProvider.System, new Dictionary<string, string> { [":Timeout"] = "00:00:00.5", ["RetryBaseDelay"] = "00:00:00.05", ["MaxRetryDelay"] = "00:00:00.1" });
        var caseId = await ReportAsync(rig);
        rig.Destination.SlowDelay = TimeSpan.FromSeconds(5);
        rig.Destination.Switch(DestinationServer.Behaviour.Slow);

        var slow = await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var pointer = Assert.Single(await rig.PointersAsync());
        rig.Destination.Switch(DestinationServer.Behaviour.Up);
        var back = await Poll.UntilAsync(
            () => rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None), p => p.Delivered == 1, TimeSpan.FromSeconds(10), "the retry");

        Assert.Equal(1, slow.Retried);
        Assert.Equal("No answer within 00:00:00.5000000.", pointer.GetString("LastError"));
        // The slow answer and at least one retry reached it, all with the one key.
        Assert.InRange(rig.Destination.Received.Count, 2, int.MaxValue);
        Assert.Single(rig.Destination.Received.Select(m => m.IdempotencyKey).Distinct());
        var taken = Assert.Single(rig.Destination.Taken);
        Assert.Equal(caseId, Envelope(taken).CaseId);
        Assert.Equal(1, back.Delivered);
    }

    private static OutboxEnvelope Envelope(ReceivedMessage message) => JsonSerializer.Deserialize(message.Body, LygJsonContext.Default.OutboxEnvelope)!;

    private static async Task<string> ReportAsync(OutboxRig rig)
    {
        var caseId = AzuriteFixture.NewCaseId();
        Assert.True(await rig.Cases.CreateAsync(NewCase(caseId), CancellationToken.None));
        return caseId;
    }

    private static Task TakeAsync(OutboxRig rig, string caseId, ICaseAction action, Caller caller, string body) =>
        new CaseSteps(rig.Cases, null!).TakeAsync(caseId, action, caller, body, Morning);

    /// <summary>Writes a report's pointer as a case change does just before its transaction, and no transaction.</summary>
    private static async Task StageOnlyAsync(OutboxRig rig, string caseId, int sequence) =>
        Assert.Single(await rig.Outbox.StageAsync(
            new CaseChange(caseId, sequence, "report", null, Facts(CaseState.Reported), CaseSource.Citizen, null, Roles.Citizen, Morning),
            CancellationToken.None));
}
