using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>What a monitoring alert is about.</summary>
[JsonConverter(typeof(WireEnumConverter<AlertSubject>))]
public enum AlertSubject
{
    [JsonStringEnumMemberName("sensor")]
    Sensor,
    [JsonStringEnumMemberName("vehicle")]
    Vehicle,
    /// <summary>An outdoor advertisement or signboard of the registry (智慧广告), for its permit.</summary>
    [JsonStringEnumMemberName("advertisement")]
    Advertisement,
}
