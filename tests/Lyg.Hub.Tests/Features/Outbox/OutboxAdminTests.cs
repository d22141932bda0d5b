using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Outbox;

/// <summary>GET v1/outbox/messages and POST v1/outbox/messages/{messageId}/redeliver, on the handlers.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class OutboxAdminTests(AzuriteFixture azurite)
{
    private static readonly Lyg.Hub.Auth.Caller Admin = Person("admin-1", Roles.Admin);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Dead_messages_are_listed_page_by_page_and_pending_ones_apart()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        string[] cases = [AzuriteFixture.NewCaseId(), AzuriteFixture.NewCaseId(), AzuriteFixture.NewCaseId()];
        foreach (var caseId in cases)
        {
            await rig.Cases.CreateAsync(NewCase(caseId), CancellationToken.None);
        }

        rig.Destination.Answer(410);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var list = new ListOutboxMessages(rig.Store);

        var first = await PageAsync(list, $"?state=dead&destination={rig.Name}&limit=2");
        var second = await PageAsync(list, $"?state=dead&destination={rig.Name}&limit=2&continuationToken={Uri.EscapeDataString(first.ContinuationToken!)}");
        var pending = await PageAsync(list, $"?destination={rig.Name}");

        Assert.Equal(cases.Order(StringComparer.Ordinal), first.Items.Concat(second.Items).Select(m => m.CaseId));
        Assert.All(first.Items.Concat(second.Items), m => Assert.Equal(OutboxMessageState.Dead, m.State));
        Assert.Empty(pending.Items);
    }

    [Theory]
    [InlineData("?state=delivered", "state")]
    [InlineData("?state=Dead", "state")]
    [InlineData("?destination=Not_A_Name", "destination")]
    [InlineData("?limit=0", "limit")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var answer = await ResultRunner.ExecuteAsync(await new ListOutboxMessages(null!).HandleAsync(UnitFixtures.Request(Admin, queryString: query)));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task Redelivery_answers_202_with_the_pending_message_404_for_an_unknown_one_and_400_for_what_is_no_id()
    {
        await using var rig = await OutboxRig.StartAsync(azurite, _time);
        var caseId = AzuriteFixture.NewCaseId();
        await rig.Cases.CreateAsync(NewCase(caseId), CancellationToken.None);
        rig.Destination.Answer(400);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var redeliver = new RedeliverOutboxMessage(rig.Store, NullLogger<RedeliverOutboxMessage>.Instance);
        var id = new OutboxMessageId(caseId, 1, CaseEvents.Kind, rig.Name).ToString();

        var redelivered = await ResultRunner.ExecuteAsync(await redeliver.HandleAsync(UnitFixtures.Request(Admin), id));
        var unknown = await ResultRunner.ExecuteAsync(await redeliver.HandleAsync(UnitFixtures.Request(Admin), id.Replace(".00001.", ".00002.", StringComparison.Ordinal)));
        var malformed = await ResultRunner.ExecuteAsync(await redeliver.HandleAsync(UnitFixtures.Request(Admin), "not-an-id"));

        Assert.Equal(StatusCodes.Status202Accepted, redelivered.Status);
        Assert.Equal("pending", redelivered.Body.GetProperty("state").GetString());
        Assert.Equal(0, redelivered.Body.GetProperty("attempts").GetInt32());
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Status);
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.Status);
        Assert.Equal(["messageId"], malformed.ErrorFields);

        rig.Destination.Switch(Lyg.Testing.DestinationServer.Behaviour.Up);
        await rig.Dispatcher.DispatchAsync(rig.DestinationOptions, CancellationToken.None);
        var delivered = await ResultRunner.ExecuteAsync(await redeliver.HandleAsync(UnitFixtures.Request(Admin), id));
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, delivered.Status);
        Assert.EndsWith("already-delivered", delivered.ProblemType, StringComparison.Ordinal);
    }

    private static async Task<OutboxMessagePage> PageAsync(ListOutboxMessages list, string query)
    {
        var answer = await ResultRunner.ExecuteAsync(await list.HandleAsync(UnitFixtures.Request(Admin, queryString: query)));
        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        return JsonSerializer.Deserialize(answer.Body.GetRawText(), LygJsonContext.Default.OutboxMessagePage)!;
    }
}
