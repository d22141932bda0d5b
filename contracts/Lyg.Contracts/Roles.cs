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

    public const string Hotline12345 = "hotline12345";
    public const string Upstream = "upstream";
    public const string Gateway = "gateway";

    /// <summary>Roles a person may hold; machine clients authenticate by signature instead.</summary>
    public static readonly IReadOnlySet<string> People = new HashSet<string>(StringComparer.Ordinal)
    {
        Citizen, Inspector, Operator, ShiftLead, Dispatcher, Unit, Supervisor, Admin,
    };

    /// <summary>Center staff: everyone who works cases but is not tied to one unit.</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string>(StringComparer.Ordinal)
    {
        Inspector, Operator, ShiftLead, Dispatcher, Supervisor, Admin,
    };
}
