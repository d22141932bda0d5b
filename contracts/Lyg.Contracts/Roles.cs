namespace Lyg.Contracts;

/// <summary>The role vocabulary carried in tokens and checked on every route (design.md §6).</summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Inspector = "inspector";
    /// <summary>受理员.</summary>
    public const string Operator = "operator";
    /// <summary>值班长.</summary>
    public const string ShiftLead = "shift-lead";
    /// <summary>派遣员.</summary>
    public const string Dispatcher = "dispatcher";
    /// <summary>Staff of a department or enterprise; the token carries the unit code.</summary>
    public const string Unit = "unit";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    // Machine clients: each kind is the role a signed request acts in.
    public const string Hotline12345 = "hotline12345";
    /// <summary>The national or provincial platform above this hub.</summary>
    public const string Upstream = "upstream";
    /// <summary>A county platform below this hub.</summary>
    public const string County = "county";
    /// <summary>A sensor gateway.</summary>
    public const string Gateway = "gateway";
    /// <summary>A video-analytics system.</summary>
    public const string Video = "video";
    /// <summary>An Open311 GeoReport v2 client, admitted by its api_key.</summary>
    public const string Open311 = "open311";

    /// <summary>Roles a person may hold; machine clients authenticate by signature instead.</summary>
    public static readonly IReadOnlySet<string> People = new HashSet<string>(StringComparer.Ordinal)
    {
        Citizen, Inspector, Operator, ShiftLead, Dispatcher, Unit, Supervisor, Admin,
    };

    /// <summary>The kinds of machine client the registry knows.</summary>
    public static readonly IReadOnlySet<string> Machines = new HashSet<string>(StringComparer.Ordinal)
    {
        Hotline12345, Upstream, County, Gateway, Video, Open311,
    };

    /// <summary>Center staff: everyone who works cases but is not tied to one unit.</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string>(StringComparer.Ordinal)
    {
        Inspector, Operator, ShiftLead, Dispatcher, Supervisor, Admin,
    };
}
