using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>立案条件 urgency; with the category it selects the time limits of every stage.</summary>
[JsonConverter(typeof(WireEnumConverter<Urgency>))]
public enum Urgency
{
    [JsonStringEnumMemberName("normal")]
    Normal,
    [JsonStringEnumMemberName("urgent")]
    Urgent,
}
