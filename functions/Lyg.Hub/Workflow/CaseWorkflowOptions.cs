using System.ComponentModel.DataAnnotations;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Workflow;

/// <summary>
/// Stage timings for new cases (section <c>CaseWorkflow</c>). Defaults follow published local practice: a case is
/// registered within 30 minutes of its report. Tests shrink them to seconds.
/// </summary>
public sealed class CaseWorkflowOptions
{
    public const string Section = "CaseWorkflow";

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RegistrationLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a late stage is re-examined and, while under the cap, another reminder issued.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(30);

    [Range(0, 100)]
    public int MaxReminders { get; set; } = 3;

    public CaseWorkflowInput InputFor(string caseId) =>
        new(caseId, new StageTiming(RegistrationLimit, ReminderInterval, MaxReminders));
}
