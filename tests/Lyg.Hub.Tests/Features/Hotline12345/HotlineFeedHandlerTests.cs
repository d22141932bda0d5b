using System.Text.Json;
using Azure.Messaging.EventHubs;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Components;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Streams;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Hotline12345;

/// <summary>
/// The 12345 feed on Event Hubs against the webhook's use case on Azurite: an order pushed by both channels, in either
/// order, is one case; a replayed batch changes nothing; an event the feed cannot take is poison and the rest goes on.
/// </summary>
[Collection(AzuriteDefinition.Name)]
public sealed class HotlineFeedHandlerTests(AzuriteFixture azurite)
{
    private const string Client = "feed-hotline";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task An_order_from_the_feed_and_then_the_webhook_is_one_case()
    {
        var (feed, take, durable) = Build();
        var number = NewNumber();

        var outcome = await feed.HandleAsync([Event(1, Order(number))], durable, default);
        Assert.Empty(outcome.Poison);
        var viaWebhook = Assert.IsType<WorkOrderResult.Taken>(await TakeAsWebhookAsync(take, durable, Order(number)));

        var row = await new HotlineOrderStore(azurite.Tables).FindAsync(Client, number, default);
        Assert.Equal((row!.CaseId, "unchanged"), (viaWebhook.CaseId, viaWebhook.Outcome));
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task An_order_from_the_webhook_and_then_the_feed_twice_is_one_case()
    {
        var (feed, take, durable) = Build();
        var number = NewNumber();
        var viaWebhook = Assert.IsType<WorkOrderResult.Taken>(await TakeAsWebhookAsync(take, durable, Order(number)));
        Assert.Equal("created", viaWebhook.Outcome);

        var batch = new[] { Event(7, Order(number)) };
        Assert.Empty((await feed.HandleAsync(batch, durable, default)).Poison);
        Assert.Empty((await feed.HandleAsync(batch, durable, default)).Poison);

        Assert.Equal(viaWebhook.CaseId, (await new HotlineOrderStore(azurite.Tables).FindAsync(Client, number, default))!.CaseId);
        Assert.Single(durable.Instances);
    }

    [Fact]
    public async Task Events_the_feed_cannot_take_are_poison_with_their_reason_and_the_others_are_taken()
    {
        var (feed, _, durable) = Build();
        var good = NewNumber();
        var events = new[]
        {
            Event(1, Order(NewNumber()), client: null),
            Event(2, Order(NewNumber()), client: "nobody"),
            Event(3, Order(NewNumber()), client: "feed-gateway"),
            Event(4, "{\"workOrderNo\": "),
            Event(5, Order("bad number!")),
            Event(6, Order(good)),
        };

        var outcome = await feed.HandleAsync(events, durable, default);

        Assert.Equal([1L, 2, 3, 4, 5], outcome.Poison.Select(p => p.Event.SequenceNumber));
        Assert.Contains(StreamSenders.ClientProperty, outcome.Poison[0].Reason, StringComparison.Ordinal);
        Assert.Contains("may not push", outcome.Poison[2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Not a 12345 work order", outcome.Poison[3].Reason, StringComparison.Ordinal);
        Assert.StartsWith("workOrderNo:", outcome.Poison[4].Reason, StringComparison.Ordinal);
        Assert.NotNull(await new HotlineOrderStore(azurite.Tables).FindAsync(Client, good, default));
        Assert.Single(durable.Instances);
    }

    /// <summary>What POST v1/hotline12345/work-orders does once its body is read: parse, then the same use case.</summary>
    private static Task<WorkOrderResult> TakeAsWebhookAsync(TakeWorkOrder take, RecordingDurableClient durable, string json)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        return take.TakeAsync(Client, JsonSerializer.Deserialize(utf8, LygJsonContext.Default.HotlineWorkOrder)!, utf8, durable, default);
    }

    private (HotlineFeedHandler Feed, TakeWorkOrder Take, RecordingDurableClient Durable) Build()
    {
        var cases = new CaseStore(azurite.Tables);
        var hotline = Options.Create(new HotlineOptions());
        var intake = NewIntake(azurite.Tables, cases, _clock);
        var take = new TakeWorkOrder(
            intake, cases, new HotlineOrderStore(azurite.Tables), new HotlineCategoryMap(hotline, CodeCatalog.Default), new PersonalDataProtector(hotline),
            CodeCatalog.Default, _clock, NullLogger<TakeWorkOrder>.Instance);
        var clients = new MachineClients(Options.Create(TestMachines.Options(
            (Client, TestMachines.Client(Roles.Hotline12345, [TestJwt.NewKey()])), ("feed-gateway", TestMachines.Client(Roles.Gateway, [TestJwt.NewKey()])))));
        var durable = new RecordingDurableClient();
        return (new HotlineFeedHandler(take, clients), take, durable);
    }

    private static string NewNumber() => "WO-" + Guid.NewGuid().ToString("N")[..10];

    private static string Order(string number) => $$"""
        {"workOrderNo":"{{number}}","acceptedAt":"2026-12-01T09:30:00+08:00","address":"海州区朝阳中路",
         "location":{"lat":34.5967,"lon":119.2215,"crs":"gcj02"},"description":"道路旁暴露垃圾","urgency":"normal",
         "categoryPath":["城市管理","市容环卫","暴露垃圾"],"dueAt":"2026-12-03 18:00:00"}
        """;

    private static EventData Event(long sequence, string body, string? client = Client) =>
        EventHubsModelFactory.EventData(
            BinaryData.FromString(body), properties: client is null ? new Dictionary<string, object>() : new Dictionary<string, object> { [StreamSenders.ClientProperty] = client },
            sequenceNumber: sequence, offsetString: sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), enqueuedTime: Now);
}
