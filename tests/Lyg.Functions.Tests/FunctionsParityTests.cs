using System.Reflection;
using Lyg.Functions.Durable;
using Lyg.Hub.Api;
using Lyg.Hub.Features.Advertisements;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Features.Sensors;
using Lyg.Orchestrations.Cases;
using Lyg.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

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
    public void Every_twin_takes_and_returns_the_types_of_the_task_it_runs()
    {
        var twins = typeof(CaseWorkflowFunctions).GetMethods()
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);

        Assert.All(CaseWorkflowTasks.Orchestrators.Concat(CaseWorkflowTasks.Activities), task =>
        {
            var (input, output) = TaskTypes(task);
            var twin = twins[task.Name];
            var trigger = twin.GetParameters().Single(p => p.GetCustomAttributes().Any(a => a is OrchestrationTriggerAttribute or ActivityTriggerAttribute));
            Assert.Equal(typeof(Task<>).MakeGenericType(output), twin.ReturnType);
            if (trigger.ParameterType != typeof(TaskOrchestrationContext))
            {
                Assert.Equal(input, trigger.ParameterType);
            }
        });
    }

    [Fact]
    public void The_daily_maintenance_the_workflow_sweeper_the_outbox_dispatcher_the_permit_job_and_the_silent_sensor_sweep_run_as_timer_functions()
    {
        var timers = _metadata.Where(b => b.TriggerType == "timerTrigger").Select(b => b.Function).Order(StringComparer.Ordinal);

        Assert.Equal([nameof(AdvertisementPermitAlerts), nameof(DailyMaintenance), nameof(OutboxDispatcher), nameof(ResumeStrandedWorkflows), nameof(SilentSensorSweep)], timers);
    }

    [Fact]
    public void No_function_is_left_out_of_the_comparisons_above()
    {
        var known = new[] { "httpTrigger", "orchestrationTrigger", "activityTrigger", "timerTrigger" };
        Assert.All(_metadata, b => Assert.Contains(b.TriggerType, known));
    }

    /// <summary>TInput and TOutput of a class-based TaskOrchestrator or TaskActivity.</summary>
    private static (Type Input, Type Output) TaskTypes(Type task)
    {
        for (var type = task; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>) || type.GetGenericTypeDefinition() == typeof(TaskActivity<,>)))
            {
                return (type.GenericTypeArguments[0], type.GenericTypeArguments[1]);
            }
        }

        throw new InvalidOperationException($"{task.Name} is not a class-based orchestrator or activity.");
    }
}
