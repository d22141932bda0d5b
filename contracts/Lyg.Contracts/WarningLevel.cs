using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// The four national warning levels (预警级别): 一级 red, 二级 orange, 三级 yellow, 四级 blue. Level 1 is the highest,
/// so a smaller number is more severe.
/// </summary>
[JsonConverter(typeof(WireEnumConverter<WarningLevel>))]
public enum WarningLevel
{
    [JsonStringEnumMemberName("red")]
    Red = 1,
    [JsonStringEnumMemberName("orange")]
    Orange = 2,
    [JsonStringEnumMemberName("yellow")]
    Yellow = 3,
    [JsonStringEnumMemberName("blue")]
    Blue = 4,
}
