using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>Whether a category code names a management component (部件) or an event or matter (事件/事项).</summary>
[JsonConverter(typeof(WireEnumConverter<CodeKind>))]
public enum CodeKind
{
    [JsonStringEnumMemberName("component")]
    Component,
    [JsonStringEnumMemberName("event")]
    Event,
}

/// <summary>
/// One category of a code scheme. <see cref="Provisional"/> marks rows taken from common products rather than the
/// standard's text, so clients can flag them.
/// </summary>
public sealed record CodeItem(CodeKind Kind, string Code, string Name, string MajorCode, string MajorName, bool Provisional);

/// <summary>GET v1/codes?scheme=&amp;kind=: the categories of one scheme, components first, in code order.</summary>
public sealed record CodeList(string Scheme, IReadOnlyList<CodeItem> Items);
