using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Places;

/// <summary>Section <c>Places</c>: whether a host without imported places serves the synthetic sample, and how often it looks for a new import.</summary>
public sealed class PlacesOptions
{
    public const string Section = "Places";

    /// <summary>
    /// Serve the generated, clearly labelled synthetic sample city while no dataset has been imported (local runs and
    /// tests). Off, such a host serves no places and reports itself degraded.
    /// </summary>
    public bool UseSample { get; set; }

    /// <summary>How often every host reads the pointer blob; a new import reaches every host within this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
