using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>The supervision traffic light of a case: green, amber once the reminder point passed, red when overdue.</summary>
[JsonConverter(typeof(WireEnumConverter<TrafficLight>))]
public enum TrafficLight
{
    [JsonStringEnumMemberName("normal")]
    Normal,
    [JsonStringEnumMemberName("warning")]
    Warning,
    [JsonStringEnumMemberName("overdue")]
    Overdue,
}
