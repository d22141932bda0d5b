using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Tests.Telemetry;

/// <summary>Logs written while the gate runs a handler, or while a case activity runs, name the endpoint and the case.</summary>
public sealed class LogScopeTests
{
    private const string CaseId = "LYG-20250303-000042";

    private readonly TokenKeys _keys = TestJwt.Keys(TestJwt.NewKey());

    [Fact]
    public async Task A_handler_on_a_case_route_logs_under_the_endpoint_and_the_case_id()
    {
        var (factory, captured) = ScopeCapturingLogger.CreateFactory();
        using var _ = factory;
        var gate = TestJwt.Gate(_keys, logger: factory.CreateLogger<ApiGate>());
        var http = OperatorRequest();
        http.Request.RouteValues["caseId"] = CaseId;
        var handlerLog = factory.CreateLogger("Lyg.Hub.Features.Cases.GetCase");

        await gate.RunAsync(http, ApiEndpoints.GetCase, () =>
        {
            handlerLog.LogInformation("reading the case");
            return Task.FromResult<object?>(null);
        });

        var log = Assert.Single(captured.Logs);
        Assert.Equal("reading the case", log.Message);
        Assert.Equal(ApiEndpointNames.GetCase, log.Scopes["Endpoint"]);
        Assert.Equal(CaseId, log.Scopes["CaseId"]);
    }

    [Fact]
    public async Task The_gates_own_failure_log_carries_the_scopes_and_a_route_without_a_case_names_none()
    {
        var (factory, captured) = ScopeCapturingLogger.CreateFactory();
        using var _ = factory;
        var gate = TestJwt.Gate(_keys, logger: factory.CreateLogger<ApiGate>());

        var answer = await gate.RunAsync(OperatorRequest(), ApiEndpoints.ListCases, () => throw new InvalidOperationException("a bug"));

        Assert.IsAssignableFrom<IResult>(answer);
        var log = Assert.Single(captured.Logs);
        Assert.Equal(ApiEndpointNames.ListCases, log.Scopes["Endpoint"]);
        Assert.False(log.Scopes.ContainsKey("CaseId"));
    }

    [Fact]
    public async Task What_is_logged_while_a_case_activity_runs_carries_its_case_id()
    {
        var (factory, captured) = ScopeCapturingLogger.CreateFactory();
        using var _ = factory;
        var store = new LoggingStore(factory.CreateLogger("Lyg.Hub.Storage.CaseStore"));
        var read = new ReadCaseClock(store, new CalendarInForce(WorkingCalendar.LoadDefault()), factory.CreateLogger<ReadCaseClock>());
        var issue = new IssueSlip(store, factory.CreateLogger<IssueSlip>());
        var context = new TestActivityContext(nameof(IssueSlip), CaseWorkflowNames.InstanceId(CaseId));
        var at = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

        await read.RunAsync(context, new ReadCaseClockRequest(CaseId, new SupervisionLadder(0.6, TimeSpan.FromHours(4), 3, TimeSpan.FromHours(12))));
        await issue.RunAsync(context, new IssueSlipCommand(CaseId, CaseId + "-s01-01", 1, SlipKind.Reminder, "register", at, at.AddHours(2), CaseWorkflowNames.CenterDesk));

        Assert.Equal(["read", "issue"], captured.Logs.Select(l => l.Message));
        Assert.All(captured.Logs, log => Assert.Equal(CaseId, log.Scopes["CaseId"]));
    }

    private DefaultHttpContext OperatorRequest()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + new DevTokenIssuer(_keys, TimeProvider.System).Issue("op-1", [Roles.Operator], null).Token;
        return http;
    }

    /// <summary>Storage that logs as the real one's SDK would, inside whatever scope the activity opened.</summary>
    private sealed class LoggingStore(ILogger logger) : ICaseWorkflowStore
    {
        public Task<(CaseFacts Facts, IReadOnlySet<string> IssuedSlipIds)?> ReadClockAsync(string caseId, CancellationToken cancellationToken)
        {
            logger.LogInformation("read");
            return Task.FromResult<(CaseFacts, IReadOnlySet<string>)?>(null);
        }

        public Task IssueSlipAsync(IssueSlipCommand slip, CancellationToken cancellationToken)
        {
            logger.LogInformation("issue");
            return Task.CompletedTask;
        }
    }
}
