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
    [JsonStringEnumMemberName("upstream")]
    Upstream,
    [JsonStringEnumMemberName("sensor")]
    Sensor,
}
