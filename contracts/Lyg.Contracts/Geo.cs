namespace Lyg.Contracts;

/// <summary>An administrative place as the locate answer names it.</summary>
public sealed record PlaceView(string Code, string Name);

/// <summary>
/// GET v1/geo/locate: the unit grid a point lies in, the places above it, and who answers for it. <see cref="Point"/>
/// is the input after conversion to WGS84, the system grids are stored in. <see cref="ResponsibleUnits"/> are the units
/// whose service area covers the point (for the asked category only, when one is asked), most specific place first;
/// <see cref="Suggestion"/> is present when a category is asked and routing names a unit for it here.
/// </summary>
public sealed record LocateResult(
    string Grid,
    PlaceView Community,
    PlaceView Street,
    PlaceView District,
    GeoLocation Point,
    IReadOnlyList<ResponsibleUnitView> ResponsibleUnits,
    RouteSuggestionView? Suggestion = null);

/// <summary>A unit whose service area covers a point: the place of that area that does, and the categories it answers for.</summary>
public sealed record ResponsibleUnitView(string Code, string Name, UnitKind Kind, string Place, IReadOnlyList<string> Categories);

/// <summary>The unit routing suggests and the rule or service area that names it.</summary>
public sealed record RouteSuggestionView(string Unit, string Rule);
