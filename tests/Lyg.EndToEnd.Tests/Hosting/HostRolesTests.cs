using System.Net;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Hosting;

/// <summary>
/// The standalone host's role switch: an API-only host and a workflows-only host on one task hub split the work as a
/// Functions app and a processors container would, and settings a host cannot honour stop it at start.
/// </summary>
[Collection(HubSuite.Name)]
public sealed class HostRolesTests(HubFixture hub)
{
    [Fact]
    public async Task An_api_host_and_a_workflows_host_on_one_task_hub_serve_a_case_together()
    {
        var apiTask = StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2eroles", With("api", "e2e-roles-api"));
        var workflowsTask = StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2eroles", With("workflows", "e2e-roles-workflows"));
        await using var api = await apiTask;
        await using var workflows = await workflowsTask;

        var citizen = await api.ClientForAsync("citizen-roles", Roles.Citizen);
        var caseId = await citizen.SubmitCaseAsync();
        var staff = await api.ClientForAsync("operator-roles", Roles.Operator);
        var running = await Poll.UntilAsync(() => staff.GetCaseAsync(caseId), c => c.Workflow?.Stage == "register", TimeSpan.FromSeconds(60), "the workflow on the other host");
        Assert.Equal("running", running.Workflow!.Status);

        // Without the API role no route but health is mapped (nor are local tokens issued).
        using var refused = await workflows.Anonymous.SubmitAsync(Api.ManholeReport());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var health = await workflows.Anonymous.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("as Api;", api.RecentOutput, StringComparison.Ordinal);
        Assert.Contains("as Workflows;", workflows.RecentOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Standalone__Roles", "api,cron", "'cron' is not a role")]
    [InlineData("Standalone__Roles", " , ", "names no role")]
    [InlineData("Durable__PartitionCount", "0", "PartitionCount")]
    public async Task A_setting_the_host_cannot_honour_stops_it_at_start(string setting, string value, string message)
    {
        var start = () => StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2ebadsettings", new Dictionary<string, string> { [setting] = value });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(start);

        Assert.Contains("exited during start", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_tokens_switched_on_outside_development_stop_the_host_at_start()
    {
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__DevTokens__Enabled"] = "true" };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StandaloneHost.StartAsync(hub.Azurite.ConnectionString, "e2ebadsettings", settings));

        Assert.Contains("local tokens are issued only in Development", ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> With(string roles, string workerId) => new()
    {
        ["Standalone__Roles"] = roles,
        ["Durable__WorkerId"] = workerId,
    };
}
