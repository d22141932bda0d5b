using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Lyg.Standalone.Maintenance;

/// <summary>The standalone twin of the Functions timer: runs <see cref="ResumeStrandedWorkflows"/> every <see cref="CaseWorkflowOptions.SweepInterval"/>.</summary>
internal sealed partial class WorkflowSweepService(
    ResumeStrandedWorkflows sweep, DurableTaskClient durable, IOptions<CaseWorkflowOptions> options, TimeProvider clock, ILogger<WorkflowSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // The span a Functions timer invocation has, so the sweep's storage and workflow calls form one trace.
            using var run = HubTelemetry.Source.StartActivity(nameof(ResumeStrandedWorkflows));
            try
            {
                await sweep.RunAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for open cases without a running workflow failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
