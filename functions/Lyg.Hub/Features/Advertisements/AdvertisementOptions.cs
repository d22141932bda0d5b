using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// Section <c>Advertisements</c> (智慧广告): how long before a permit lapses the daily job warns (blue, then yellow),
/// the event code a lapsed permit's case takes, and whether Development plants sample advertisements.
/// </summary>
public sealed class AdvertisementOptions
{
    public const string Section = "Advertisements";
    public const string SeedSampleSetting = Section + ":SeedSample";

    /// <summary>Days before the last valid day from which the permit is "expiring" at blue (四级).</summary>
    [Range(1, 365)]
    public int BlueDaysBefore { get; set; } = 30;

    /// <summary>Days before the last valid day from which it is "expiring" at yellow (三级); fewer than <see cref="BlueDaysBefore"/>.</summary>
    [Range(0, 365)]
    public int YellowDaysBefore { get; set; } = 7;

    /// <summary>The category of the case a lapsed permit becomes (违规户外广告 in GB/T 30428.2-2013), kind event.</summary>
    [Required]
    public string ExpiredCategoryCode { get; set; } = "0203";

    /// <summary>Plants the sample advertisements (advertisements.seed.json) at startup; Development and local settings only.</summary>
    public bool SeedSample { get; set; }
}
