using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Duplicates;

/// <summary>When a new report is taken for a likely duplicate of an open case (section <c>Duplicates</c>).</summary>
public sealed class DuplicateOptions
{
    public const string Section = "Duplicates";

    /// <summary>How near (WGS84, great-circle metres) an open case of the same category must lie; also the index's cell size.</summary>
    [Range(1.0, 1000.0)]
    public double RadiusMetres { get; set; } = 30;

    /// <summary>How recently the open case must have been reported.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest the lookup may add to an intake; when it takes longer the report is taken unflagged.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most open cases recorded on one report (the nearest); each costs a point read to check it is still open.</summary>
    [Range(1, 20)]
    public int MaxFlagged { get; set; } = 5;
}
