using System.ComponentModel.DataAnnotations;
using Lyg.Contracts;

namespace Lyg.Hub.Features.Alerts;

/// <summary>How the alert desk treats the conditions its sources send (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>A condition that clears and returns within this window reopens its alert (a flap) instead of raising a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The case of an alert at this level or a more severe one is urgent; an escalation to it makes the case urgent.</summary>
    public WarningLevel UrgentLevel { get; set; } = WarningLevel.Orange;
}
