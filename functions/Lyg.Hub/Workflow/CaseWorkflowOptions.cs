using System.ComponentModel.DataAnnotations;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Workflow;

/// <summary>
/// The supervision ladder for new cases (section <c>CaseWorkflow</c>); stage limits come from the time-limit rule
/// table instead. Thresholds are local policy: a reminder at 60 % of the limit, supervision every 4 hours after the
/// deadline, at most 3 supervision slips per stage.
/// </summary>
public sealed class CaseWorkflowOptions
{
    public const string Section = "CaseWorkflow";

    [Range(0.0, 0.99)]
    public double ReminderShare { get; set; } = 0.6;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan SupervisionInterval { get; set; } = TimeSpan.FromHours(4);

    [Range(0, 50)]
    public int MaxSupervisionSlips { get; set; } = 3;

    /// <summary>How long a workflow with nothing due sleeps before it re-reads its case anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleRecheck { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a new workflow waits for its case to be stored (intake starts the workflow first). A client retrying a
    /// failed report later than this still completes it: intake then starts the workflow again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IntakeGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the standalone host looks for open cases without a running workflow (the Functions timer: every 10 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Optional JSON file with the time-limit rule table; the built-in table applies when empty.</summary>
    public string? TimeLimitRulesFile { get; set; }

    public SupervisionLadder Ladder() => new(ReminderShare, SupervisionInterval, MaxSupervisionSlips, IdleRecheck);

    public CaseWorkflowInput InputFor(string caseId) => new(caseId, Ladder(), IntakeGrace);
}
