using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Inspection;

/// <summary>Section <c>Inspection</c>: what the inspectors' app lists, and whether Development plants sample inspectors.</summary>
public sealed class InspectionOptions
{
    public const string Section = "Inspection";
    public const string SeedSampleSetting = Section + ":SeedSample";

    /// <summary>How long a completed or cancelled task stays in GET v1/inspector/tasks after it ended.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan RecentlyEnded { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Plants the sample inspectors (inspectors.seed.json) at startup; Development and local settings only.</summary>
    public bool SeedSample { get; set; }
}
