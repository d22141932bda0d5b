using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Hub.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Cases;

[Collection(AzuriteDefinition.Name)]
public sealed class GetCaseTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private static readonly Caller Reporter = new("citizen-1", new HashSet<string> { Roles.Citizen }, null);

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    [Theory]
    [InlineData(Roles.Operator, "someone", true)]
    [InlineData(Roles.Supervisor, "someone", true)]
    [InlineData(Roles.Citizen, "citizen-1", true)]
    [InlineData(Roles.Citizen, "citizen-2", false)]
    [InlineData(Roles.Unit, "u-1", false)]
    public void Staff_read_every_case_and_others_only_their_own_reports(string role, string subject, bool mayRead)
    {
        var stored = new StoredCase(
            "c", CaseState.Reported, CaseSource.Citizen, "d", null, null, new GeoLocation(1, 2, CoordinateSystem.Wgs84), null, [],
            "citizen-1", ReportedAt, ReportedAt, [], []);

        Assert.Equal(mayRead, GetCase.MayRead(new Caller(subject, new HashSet<string> { role }, "unit-1"), stored));
    }

    [Fact]
    public async Task The_reporter_reads_the_case_with_its_timeline_and_workflow()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();
        await new CaseWorkflowClient(Options.Create(new CaseWorkflowOptions())).EnsureStartedAsync(durable, _caseId, caseJustCreated: true, CancellationToken.None);

        var answer = await GetAsync(durable, Reporter);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.Equal(_caseId, answer.Body.GetProperty("caseId").GetString());
        Assert.Equal("reported", answer.Body.GetProperty("state").GetString());
        Assert.Equal("citizen", answer.Body.GetProperty("source").GetString());
        Assert.Equal("wgs84", answer.Body.GetProperty("location").GetProperty("crs").GetString());
        Assert.Equal("running", answer.Body.GetProperty("workflow").GetProperty("status").GetString());
        var entry = Assert.Single(answer.Body.GetProperty("timeline").EnumerateArray());
        Assert.Equal("report", entry.GetProperty("action").GetString());
        Assert.False(answer.Body.TryGetProperty("reporterSubject", out _));
    }

    [Fact]
    public async Task Another_citizen_is_answered_404_as_if_the_case_did_not_exist()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();

        var hidden = await GetAsync(durable, Reporter with { Subject = "citizen-2" });
        var missing = await GetAsync(durable, Reporter with { Subject = "citizen-2" }, AzuriteFixture.NewCaseId());

        Assert.Equal(StatusCodes.Status404NotFound, hidden.Status);
        Assert.Equal(StatusCodes.Status404NotFound, missing.Status);
        Assert.Equal(hidden.ProblemType, missing.ProblemType);
    }

    [Fact]
    public async Task An_operator_reads_a_case_without_a_workflow()
    {
        await CreateCaseAsync();
        await using var durable = new RecordingDurableClient();

        var answer = await GetAsync(durable, new Caller("op-1", new HashSet<string> { Roles.Operator }, null));

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
        Assert.False(answer.Body.TryGetProperty("workflow", out _));
    }

    private Task<bool> CreateCaseAsync() => _cases.CreateAsync(
        new NewCase(_caseId, CaseSource.Citizen, "垃圾满溢", null, 34.6, 119.2, CoordinateSystem.Wgs84, null, [], Reporter.Subject, Roles.Citizen, ReportedAt),
        CancellationToken.None);

    private async Task<ExecutedResult> GetAsync(RecordingDurableClient durable, Caller caller, string? caseId = null)
    {
        var http = new DefaultHttpContext();
        http.Features.Set(caller);
        return await ResultRunner.ExecuteAsync(await new GetCase(_cases).HandleAsync(http, durable, caseId ?? _caseId), http);
    }
}
