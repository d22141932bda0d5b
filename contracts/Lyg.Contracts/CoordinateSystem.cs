using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>The coordinate reference system a client states for every point it sends.</summary>
[JsonConverter(typeof(WireEnumConverter<CoordinateSystem>))]
public enum CoordinateSystem
{
    [JsonStringEnumMemberName("wgs84")]
    Wgs84,
    [JsonStringEnumMemberName("gcj02")]
    Gcj02,
    [JsonStringEnumMemberName("cgcs2000")]
    Cgcs2000,
    /// <summary>Baidu's offset of GCJ-02, what Baidu map pickers return.</summary>
    [JsonStringEnumMemberName("bd09")]
    Bd09,
}
