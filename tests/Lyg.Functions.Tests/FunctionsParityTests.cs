using Lyg.Hub.Api;
using Lyg.Hub.Features.Maintenance;
using Lyg.Orchestrations.Cases;
using Lyg.Testing;

namespace Lyg.Functions.Tests;

/// <summary>
/// The Functions app and the standalone host are two faces of one catalogue. These tests read the functions.metadata
/// the Worker SDK generated (what the Functions host would serve) and compare it with the shared catalogues; the
/// end-to-end suite then proves the standalone host serves every one of these routes.
/// </summary>
public sealed class FunctionsParityTests
{
    private readonly IReadOnlyList<FunctionBinding> _metadata = FunctionsMetadata.Load();

    [Fact]
    public void Every_catalogued_endpoint_is_an_http_function_with_the_same_name_route_and_method()
    {
        var http = _metadata.Where(b => b.TriggerType == "httpTrigger").ToDictionary(b => b.Function);

        Assert.Equal(ApiEndpoints.All.Select(e => e.Name).Order(), http.Keys.Order());
        Assert.All(ApiEndpoints.All, endpoint =>
        {
            var function = http[endpoint.Name];
            Assert.Equal(endpoint.Route, function.Route);
            Assert.Equal([endpoint.Method], function.Methods);
        });
    }

    [Fact]
    public void Every_orchestrator_and_activity_of_the_standalone_worker_has_its_functions_twin_and_vice_versa()
    {
        var orchestrators = _metadata.Where(b => b.TriggerType == "orchestrationTrigger").Select(b => b.Function).Order();
        var activities = _metadata.Where(b => b.TriggerType == "activityTrigger").Select(b => b.Function).Order();

        Assert.Equal(CaseWorkflowTasks.Orchestrators.Select(t => t.Name).Order(), orchestrators);
        Assert.Equal(CaseWorkflowTasks.Activities.Select(t => t.Name).Order(), activities);
    }

    [Fact]
    public void The_daily_maintenance_and_the_workflow_sweeper_run_as_timer_functions()
    {
        var timers = _metadata.Where(b => b.TriggerType == "timerTrigger").Select(b => b.Function).Order(StringComparer.Ordinal);

        Assert.Equal([nameof(DailyMaintenance), nameof(ResumeStrandedWorkflows)], timers);
    }

    [Fact]
    public void No_function_is_left_out_of_the_comparisons_above()
    {
        var known = new[] { "httpTrigger", "orchestrationTrigger", "activityTrigger", "timerTrigger" };
        Assert.All(_metadata, b => Assert.Contains(b.TriggerType, known));
    }
}
