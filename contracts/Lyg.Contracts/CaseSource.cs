using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>Where a case came from.</summary>
[JsonConverter(typeof(WireEnumConverter<CaseSource>))]
public enum CaseSource
{
    [JsonStringEnumMemberName("citizen")]
    Citizen,
    [JsonStringEnumMemberName("inspector")]
    Inspector,
    [JsonStringEnumMemberName("hotline12345")]
    Hotline12345,
    /// <summary>A supervision task of the national or provincial platform, or a task handed up by a county.</summary>
    [JsonStringEnumMemberName("upstream")]
    Upstream,
    /// <summary>An alert raised by the monitoring rules over sensor readings.</summary>
    [JsonStringEnumMemberName("sensor")]
    Sensor,
    /// <summary>An alert of a video-analytics system.</summary>
    [JsonStringEnumMemberName("video")]
    Video,
    /// <summary>A service request of an Open311 GeoReport v2 client.</summary>
    [JsonStringEnumMemberName("open311")]
    Open311,
}
