using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Notifications;
using Lyg.Hub.Features.Outbox;
using Microsoft.Extensions.Options;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Notifications;

public sealed class ReporterNoticesTests
{
    private const string Destination = "reporter-notices";

    [Theory]
    [InlineData(CaseState.Reported, CaseState.Registered, CitizenStatus.InProgress, "处理中")]
    [InlineData(CaseState.Reported, CaseState.Voided, CitizenStatus.NotAccepted, "不予受理")]
    [InlineData(CaseState.Handled, CaseState.Closed, CitizenStatus.Resolved, "已办结")]
    public void A_change_of_what_the_citizen_sees_becomes_one_notice_to_the_configured_destination(
        CaseState from, CaseState to, CitizenStatus status, string text)
    {
        var message = Assert.Single(Producer(Destination).MessagesFor(Change(from, to)));

        Assert.Equal((Destination, ReporterNotices.Kind), (message.Destination, message.Kind));
        var notice = JsonSerializer.Deserialize(message.Payload, LygJsonContext.Default.ReporterNotice)!;
        Assert.Equal((status, text, CitizenStatuses.Of(from)), (notice.Status, notice.StatusText, notice.PreviousStatus));
        Assert.Equal(("citizen-1", "https://idp.example"), (notice.ReporterSubject, notice.ReporterIssuer));
    }

    [Theory]
    [InlineData(CaseState.Registered, CaseState.Dispatched)]
    [InlineData(CaseState.Handled, CaseState.Dispatched)]
    [InlineData(CaseState.Dispatched, CaseState.Suspended)]
    public void A_change_inside_one_citizen_status_sends_nothing(CaseState from, CaseState to) =>
        Assert.Empty(Producer(Destination).MessagesFor(Change(from, to)));

    [Fact]
    public void A_merge_tells_the_citizen_even_when_their_status_stays_in_progress_naming_the_main_case()
    {
        var merged = Change(CaseState.Registered, CaseState.Merged) with { Action = CaseActionNames.Merge };
        merged = merged with { Facts = merged.Facts with { MergedInto = "LYG-20261201-000009" } };

        var notice = JsonSerializer.Deserialize(Assert.Single(Producer(Destination).MessagesFor(merged)).Payload, LygJsonContext.Default.ReporterNotice)!;

        Assert.Equal((CitizenStatus.InProgress, CitizenStatus.InProgress, "LYG-20261201-000009", null), (notice.Status, notice.PreviousStatus, notice.MergedInto, notice.CaseId));
    }

    [Fact]
    public void The_report_itself_other_sources_and_a_missing_destination_send_nothing()
    {
        Assert.Empty(Producer(Destination).MessagesFor(Change(null, CaseState.Reported)));
        Assert.Empty(Producer(Destination).MessagesFor(Change(CaseState.Reported, CaseState.Registered) with { Source = CaseSource.Inspector }));
        Assert.Empty(Producer("not-configured").MessagesFor(Change(CaseState.Reported, CaseState.Registered)));
    }

    [Fact]
    public void The_payload_holds_no_staff_unit_or_free_text()
    {
        var payload = Assert.Single(Producer(Destination).MessagesFor(Change(CaseState.Handled, CaseState.Closed))).Payload;

        using var document = JsonDocument.Parse(payload);
        Assert.Equal(
            ["previousStatus", "reporterIssuer", "reporterSubject", "status", "statusText"],
            document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static ReporterNotices Producer(string destination) => new(
        new OutboxDestinations(Options.Create(new OutboxOptions
        {
            Destinations = new()
            {
                [Destination] = new OutboxDestinationOptions { Url = "http://127.0.0.1:9/notify", ClientId = "lyg", Secret = Convert.ToBase64String(new byte[32]) },
            },
        })),
        Options.Create(new ReporterNoticesOptions { Destination = destination }));

    private static CaseChange Change(CaseState? from, CaseState to) => new(
        "LYG-20261201-000001", 2, "action", from, Facts(to) with { ReporterIssuer = "https://idp.example" }, CaseSource.Citizen, "G-1", Roles.Operator, DateTimeOffset.UnixEpoch);
}
