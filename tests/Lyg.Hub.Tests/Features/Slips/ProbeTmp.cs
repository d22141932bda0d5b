using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Slips;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Slips;

[Collection(AzuriteDefinition.Name)]
public sealed class ProbeTmp(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\\\b")]
    [InlineData("a'b")]
    [InlineData("a%2Fb")]
    public async Task Probe_slip(string slipId)
    {
        var cases = new CaseStore(azurite.Tables);
        var caseId = AzuriteFixture.NewCaseId();
        await cases.CreateAsync(NewCase(caseId), CancellationToken.None);
        var http = UnitFixtures.Request(UnitStaff("DEPT-CGJ"), $$"""{"slipId":"{{slipId}}"}""");
        try
        {
            var answer = await ResultRunner.ExecuteAsync(await new AcknowledgeSlip(cases, new FakeTimeProvider(Morning)).HandleAsync(http, caseId), http);
            output.WriteLine($"{slipId}: {answer.Status} {answer.Detail}");
        }
        catch (Exception ex)
        {
            output.WriteLine($"{slipId}: THROWS {ex.GetType().Name} {(ex as Azure.RequestFailedException)?.Status} {(ex as Azure.RequestFailedException)?.ErrorCode}");
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a'b")]
    public async Task Probe_case(string caseId)
    {
        var cases = new CaseStore(azurite.Tables);
        await using var durable = new RecordingDurableClient();
        var http = UnitFixtures.Request(Operator);
        try
        {
            var answer = await ResultRunner.ExecuteAsync(await new GetCase(cases, new CaseViews(Clocks, Options.Create(new CaseWorkflowOptions()), TimeProvider.System)).HandleAsync(http, durable, caseId), http);
            output.WriteLine($"get {caseId}: {answer.Status} {answer.Detail}");
        }
        catch (Exception ex)
        {
            output.WriteLine($"get {caseId}: THROWS {ex.GetType().Name} {(ex as Azure.RequestFailedException)?.Status} {(ex as Azure.RequestFailedException)?.ErrorCode}");
        }
    }
}
