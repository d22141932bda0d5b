using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>The supervision ladder: 限期提醒, 到期催办, 超期督办.</summary>
[JsonConverter(typeof(WireEnumConverter<SlipKind>))]
public enum SlipKind
{
    [JsonStringEnumMemberName("reminder")]
    Reminder,
    [JsonStringEnumMemberName("urging")]
    Urging,
    [JsonStringEnumMemberName("supervision")]
    Supervision,
}
