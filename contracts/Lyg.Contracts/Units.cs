using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>What kind of responsible unit (责任单位) a case can be dispatched to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitKind>))]
public enum UnitKind
{
    /// <summary>A municipal department (市直部门).</summary>
    [JsonStringEnumMemberName("department")]
    Department,
    /// <summary>A public-utility or service enterprise (供水, 燃气, 供电, 通信 …).</summary>
    [JsonStringEnumMemberName("enterprise")]
    Enterprise,
    /// <summary>A city district (区).</summary>
    [JsonStringEnumMemberName("district")]
    District,
    /// <summary>A county (县).</summary>
    [JsonStringEnumMemberName("county")]
    County,
    /// <summary>A street office (街道办事处), under its district or county.</summary>
    [JsonStringEnumMemberName("streetOffice")]
    StreetOffice,
}

/// <summary>GET v1/units/{unitCode}: a responsible unit as the registry holds it.</summary>
public sealed record UnitView(string Code, string Name, UnitKind Kind, string? ParentCode, string? NoticeContact, bool Active);

/// <summary>
/// PUT v1/units/{unitCode}: the whole unit (the code comes from the route). Members are nullable so that missing
/// fields reach validation; an omitted <c>active</c> means active.
/// </summary>
public sealed record UpsertUnitRequest(string? Name, UnitKind? Kind, string? ParentCode, string? NoticeContact, bool? Active);

/// <summary>GET v1/units: one page of units in code order and the token of the next page, if any.</summary>
public sealed record UnitPage(IReadOnlyList<UnitView> Items, string? ContinuationToken);
