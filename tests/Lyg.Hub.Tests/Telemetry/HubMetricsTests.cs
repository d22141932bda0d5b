using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyg.Hub.Tests.Telemetry;

[Collection(AzuriteDefinition.Name)]
public sealed class HubMetricsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset IssuedAt = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_slip_is_counted_once_by_kind_when_added_and_not_when_a_retried_activity_finds_it_there()
    {
        var caseId = AzuriteFixture.NewCaseId();
        var issue = new IssueSlip(new CaseStore(azurite.Tables), NullLogger<IssueSlip>.Instance);
        var context = new TestActivityContext(nameof(IssueSlip), CaseWorkflowNames.InstanceId(caseId));
        var urging = Slip(caseId, 1, SlipKind.Urging);
        var supervision = Slip(caseId, 2, SlipKind.Supervision);
        using var measurements = new HubMeasurements();

        await issue.RunAsync(context, urging);
        await issue.RunAsync(context, urging);
        await issue.RunAsync(context, supervision);

        var issued = measurements.Of(HubMetrics.SlipsIssuedName);
        Assert.Equal(["supervision", "urging"], issued.Select(m => m.Tags["kind"]).Order(StringComparer.Ordinal));
        Assert.All(issued, m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public void An_accepted_report_is_counted_by_its_source_wire_name()
    {
        using var measurements = new HubMeasurements();

        HubMetrics.ReportAccepted(CaseSource.Hotline12345);

        var accepted = Assert.Single(measurements.Of(HubMetrics.ReportsAcceptedName));
        Assert.Equal("hotline12345", accepted.Tags["source"]);
    }

    [Theory]
    [InlineData(TransitionOutcome.Applied, "applied")]
    [InlineData(TransitionOutcome.StateConflict, "state-conflict")]
    [InlineData(TransitionOutcome.KeyReusedForDifferentRequest, "key-reused")]
    public void A_case_action_is_counted_by_action_and_outcome(TransitionOutcome outcome, string expected)
    {
        using var measurements = new HubMeasurements();

        HubMetrics.ActionApplied(CaseActionNames.Register, outcome);

        var action = Assert.Single(measurements.Of(HubMetrics.CaseActionsName));
        Assert.Equal(CaseActionNames.Register, action.Tags["action"]);
        Assert.Equal(expected, action.Tags["outcome"]);
    }

    private static IssueSlipCommand Slip(string caseId, int number, SlipKind kind) =>
        new(caseId, $"{caseId}-s01-{number:D2}", number, kind, "register", IssuedAt, IssuedAt.AddHours(2), CaseWorkflowNames.CenterDesk);
}
