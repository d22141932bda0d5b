using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Readings;

/// <summary>Limits of a telemetry document (section <c>Readings</c>), the same over HTTP, Event Hubs and the in-process channel.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Readings";

    /// <summary>Most readings in one document; a JSON body is at most 64 KiB anyway.</summary>
    [Range(1, 5000)]
    public int MaxReadingsPerDocument { get; set; } = 500;

    /// <summary>Most named values in one reading.</summary>
    [Range(1, 100)]
    public int MaxValuesPerReading { get; set; } = 32;

    /// <summary>How far ahead of the hub's clock a reading's time may be (a gateway's clock drifts); beyond it the reading is refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
