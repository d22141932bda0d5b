using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>What kind of responsible unit (责任单位) a case can be dispatched to.</summary>
[JsonConverter(typeof(WireEnumConverter<UnitKind>))]
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

/// <summary>
/// GET v1/units/{unitCode}: a responsible unit as the registry holds it. <see cref="ServiceArea"/> is where and for what
/// the unit answers, absent when it declares none.
/// </summary>
public sealed record UnitView(
    string Code, string Name, UnitKind Kind, string? ParentCode, string? NoticeContact, bool Active, UnitServiceArea? ServiceArea = null);

/// <summary>
/// The places (district, street, community or grid codes) and categories (a 4- or 5-digit code, a major class such as
/// <c>01*</c>, or <c>*</c> for all) a unit answers for: every listed category in every listed place. Routing suggests
/// the unit for such cases where no more specific rule says otherwise.
/// </summary>
public sealed record UnitServiceArea(IReadOnlyList<string> Places, IReadOnlyList<string> Categories)
{
    /// <summary>Equal when the lists hold the same codes in the same order, so units compare by value.</summary>
    public bool Equals(UnitServiceArea? other) =>
        other is not null && Places.SequenceEqual(other.Places) && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Places.Count, Categories.Count);
}

/// <summary>
/// PUT v1/units/{unitCode}: the whole unit (the code comes from the route). Members are nullable so that missing
/// fields reach validation; an omitted <c>active</c> means active, an omitted service area means none.
/// </summary>
public sealed record UpsertUnitRequest(
    string? Name, UnitKind? Kind, string? ParentCode, string? NoticeContact, bool? Active, UnitServiceAreaRequest? ServiceArea = null);

/// <summary>A service area as PUT v1/units/{unitCode} sends it; nullable members reach validation.</summary>
public sealed record UnitServiceAreaRequest(IReadOnlyList<string?>? Places, IReadOnlyList<string?>? Categories);

/// <summary>GET v1/units: one page of units in code order and the token of the next page, if any.</summary>
public sealed record UnitPage(IReadOnlyList<UnitView> Items, string? ContinuationToken);
