using System.ComponentModel.DataAnnotations;

namespace Lyg.Hub.Features.Vehicles;

/// <summary>Vehicle positions and their registry (section <c>Vehicles</c>).</summary>
public sealed class VehiclesOptions
{
    public const string Section = "Vehicles";
    public const string SeedSampleSetting = Section + ":SeedSample";

    /// <summary>Plant the sample vehicles of the synthetic sample city at startup (Development).</summary>
    public bool SeedSample { get; set; }

    /// <summary>Most positions in one document (HTTP body or event).</summary>
    [Range(1, 5000)]
    public int MaxPositionsPerDocument { get; set; } = 500;

    /// <summary>How far ahead of the hub's clock a position's time may be; beyond it the position is refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the registry read into memory is used before it is read again (an import takes effect within it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RegistryRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest range one track request may span.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxTrackRange { get; set; } = TimeSpan.FromHours(24);
}
