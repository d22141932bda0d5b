using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>The condition a survey or an inspector recorded for a component (ObjState).</summary>
[JsonConverter(typeof(WireEnumConverter<ComponentState>))]
public enum ComponentState
{
    /// <summary>完好.</summary>
    [JsonStringEnumMemberName("intact")]
    Intact,
    /// <summary>破损.</summary>
    [JsonStringEnumMemberName("damaged")]
    Damaged,
    /// <summary>丢失.</summary>
    [JsonStringEnumMemberName("lost")]
    Lost,
    /// <summary>占用.</summary>
    [JsonStringEnumMemberName("occupied")]
    Occupied,
}

/// <summary>
/// A unit named on a component: its registry code when the source gave one (always a known unit) and its name, from
/// the source or else from the registry. At least one of the two is present.
/// </summary>
public sealed record ComponentUnit(string? Code, string? Name);

/// <summary>
/// GET v1/components/{componentId}: a management component (部件) as the registry holds it. The id carries its
/// division, <see cref="Scheme"/> (gb2013: 16 digits, gb2026: 17) and <see cref="TypeCode"/>; <see cref="Location"/>
/// is in WGS84 and <see cref="Grid"/> is the unit grid it lies in. <see cref="RecordedOn"/> (ORDate) and
/// <see cref="ChangedOn"/> (CHDate) are calendar dates, <see cref="Source"/> (DataSource) says where the record came from.
/// </summary>
public sealed record ComponentView(
    string Id,
    string Name,
    string Scheme,
    string TypeCode,
    ComponentUnit? CompetentUnit,
    ComponentUnit? OwnerUnit,
    ComponentUnit? MaintenanceUnit,
    string Grid,
    ComponentState State,
    GeoLocation Location,
    DateOnly? RecordedOn,
    DateOnly? ChangedOn,
    string? Source,
    string? Note);

/// <summary>One component of a nearest-component answer and its distance from the point asked about, in metres.</summary>
public sealed record NearbyComponent(double DistanceMetres, ComponentView Component);

/// <summary>
/// GET v1/components/nearest: the components within <see cref="RadiusMetres"/> of <see cref="Point"/> (the point asked
/// about, in WGS84), nearest first and then by id, at most as many as the limit asked for.
/// </summary>
public sealed record NearestComponents(GeoLocation Point, double RadiusMetres, string? TypeCode, IReadOnlyList<NearbyComponent> Items);
