using System.Net;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Notifications;

/// <summary>
/// A citizen hears of their report through the outbox: the standalone host, configured with a notification
/// destination on loopback, delivers a signed reporter notice when what the citizen would see changes, and none when
/// it does not.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class ReporterNoticeTests(HubFixture hub)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Registering_a_report_and_voiding_another_tell_their_reporters_once_each()
    {
        await using var destination = await DestinationServer.StartAsync();
        var settings = HubFixture.ShortTimings();
        settings["Outbox__Destinations__reporter-notices__Url"] = destination.Url.ToString();
        settings["Outbox__Destinations__reporter-notices__ClientId"] = "lyg-e2e";
        settings["Outbox__Destinations__reporter-notices__Secret"] = Convert.ToBase64String(new byte[32]);
        settings["Outbox__PollInterval"] = "00:00:00.2";
        await using var host = await StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2enotices", settings);
        var citizen = await host.ClientForAsync("citizen-notices", Roles.Citizen);
        var operatorClient = await host.ClientForAsync("operator-notices", Roles.Operator);
        var shiftLead = await host.ClientForAsync("shift-lead-notices", Roles.ShiftLead);

        var registered = await citizen.SubmitCaseAsync();
        var voided = await citizen.SubmitCaseAsync();
        using (var register = await operatorClient.RegisterAsync(registered))
        using (var voiding = await shiftLead.ActAsync(voided, "void", """{"reason":"不属于城市管理范围"}"""))
        {
            Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (register.StatusCode, voiding.StatusCode));
        }

        await Poll.UntilAsync(() => Task.FromResult(destination.Taken.Count), n => n >= 2, Delivery, "two notices");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var notices = destination.Taken
            .Select(m => JsonSerializer.Deserialize(m.Body, LygJsonContext.Default.OutboxEnvelope)!)
            .ToDictionary(e => e.CaseId, e => (e.Kind, Notice: e.Payload.Deserialize(LygJsonContext.Default.ReporterNotice)!));
        Assert.Equal(2, destination.Taken.Count);
        Assert.Equal(("reporter-notice", CitizenStatus.InProgress, "处理中"), (notices[registered].Kind, notices[registered].Notice.Status, notices[registered].Notice.StatusText));
        Assert.Equal((CitizenStatus.NotAccepted, "不予受理"), (notices[voided].Notice.Status, notices[voided].Notice.StatusText));
        Assert.All(notices.Values, n => Assert.Equal("citizen-notices", n.Notice.ReporterSubject));
        Assert.All(destination.Taken, m => Assert.Equal("lyg-e2e", m.Headers["X-Lyg-Client"]));
    }
}
