using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Routing;

/// <summary>Section <c>Routing</c>: the rule table file and how often units' service areas are re-read.</summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>Optional JSON file with the routing rule table; the built-in sample applies when empty.</summary>
    public string? RulesFile { get; set; }

    /// <summary>
    /// How often every host re-reads the units' service areas. A change made through this host applies at once; other
    /// hosts (Functions instances) see it within this interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
