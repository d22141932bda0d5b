using Lyg.Hub.Features.Calendar;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Features.Outbox;

public sealed class OutboxOptionsValidationTests
{
    private static readonly string Secret = Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Destinations_with_a_url_client_id_secret_timeout_and_known_events_pass()
    {
        var options = With(new OutboxDestinationOptions { Url = "https://hooks.example.cn/lyg?x=1", ClientId = "lyg-hub", Secret = Secret, Events = ["dispatch", "*"] });

        Assert.True(new OutboxOptionsValidation().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Each_unusable_setting_is_named()
    {
        var options = With(
            new OutboxDestinationOptions
            {
                Url = "ftp://hooks.example.cn", ClientId = "has space", Secret = Convert.ToBase64String(new byte[31]), Timeout = TimeSpan.FromSeconds(30),
                Events = ["dispach"],
            },
            "Dashboard");

        var failures = new OutboxOptionsValidation().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard: a destination name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard:Url:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard:ClientId:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard:Secret:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard:Timeout:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Outbox:Destinations:Dashboard:Events: 'dispach' is no case event", StringComparison.Ordinal));
    }

    [Fact]
    public void The_events_a_destination_may_name_are_the_hubs_case_actions_the_report_re_planning_merge_in_and_the_12345_entries()
    {
        // Every action, the 12345 system's reopen and the alert desk's record-alert among them.
        var actions = CaseFixtures.AllActions(new UnitStore(new Azure.Data.Tables.TableServiceClient(StorageAccount.DevelopmentStorage)), null!).Select(a => a.Name);
        string[] hotline = [HotlineTimeline.Update, HotlineTimeline.Urge, HotlineTimeline.Callback];

        Assert.Equal(
            actions.Append(CaseStore.ReportAction).Append(ReplanStages.Action).Append(MergeCase.MainAction).Concat(hotline).Order(StringComparer.Ordinal),
            CaseEvents.TimelineActions.Order(StringComparer.Ordinal));
    }

    private static OutboxOptions With(OutboxDestinationOptions destination, string name = "dashboard") => new()
    {
        Destinations = new() { [name] = destination },
    };
}
