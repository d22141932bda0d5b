using Lyg.Contracts;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Auth;

/// <summary>
/// The authenticated person behind a request: the token's issuer and subject (a subject is unique only within its
/// issuer), roles and, for unit staff, the unit code; <see cref="RequestedRole"/> when the request names the role it
/// acts in (header <see cref="RoleHeader"/>), and <see cref="ActingAs"/>, the role the gate admitted it in.
/// </summary>
public sealed record Caller(string Issuer, string Subject, IReadOnlySet<string> Roles, string? Unit, string? RequestedRole = null)
{
    /// <summary>The issuer recorded for machine clients: their subject is the client id of the registry.</summary>
    public const string MachineIssuer = "lyg-machine";

    /// <summary>Names the role a person holding several acts in, e.g. a citizen who is also an inspector reporting as a citizen.</summary>
    public const string RoleHeader = "X-Lyg-Role";

    /// <summary>
    /// Without <see cref="RequestedRole"/>, a person holding several allowed roles acts in the most accountable one, so
    /// holding a lesser role beside it never skips the checks of the greater (an inspector must name a category; a
    /// citizen need not).
    /// </summary>
    public static IReadOnlyList<string> Precedence { get; } =
    [
        Contracts.Roles.Admin, Contracts.Roles.Supervisor, Contracts.Roles.ShiftLead, Contracts.Roles.Dispatcher,
        Contracts.Roles.Operator, Contracts.Roles.Inspector, Contracts.Roles.Unit, Contracts.Roles.Citizen,

        // A machine client holds exactly one kind; listed so that its actions resolve as a person's do.
        .. Contracts.Roles.Machines.Order(StringComparer.Ordinal),
    ];

    private static readonly IReadOnlySet<string> AnyRole = Precedence.ToHashSet(StringComparer.Ordinal);

    private readonly string? _actingAs;

    /// <summary>
    /// The role the gate admitted the request in, among the endpoint's allowed roles; before the gate has set it, the
    /// role this caller would act in anywhere.
    /// </summary>
    public string ActingAs
    {
        get => _actingAs ?? ActingRole(AnyRole) ?? "";
        init => _actingAs = value;
    }

    /// <summary>The role this request acts in among <paramref name="allowed"/>; null when it may not act at all.</summary>
    public string? ActingRole(IReadOnlySet<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return RequestedRole is { } asked
            ? allowed.Contains(asked) ? asked : null
            : Precedence.FirstOrDefault(role => Roles.Contains(role) && allowed.Contains(role));
    }

    /// <summary>Center staff, acting as such: they see and work every case.</summary>
    public bool IsStaff => Contracts.Roles.Staff.Contains(ActingAs);

    /// <summary>A machine client of the registry, acting as its kind.</summary>
    public bool IsMachine => Issuer == MachineIssuer && Contracts.Roles.Machines.Contains(ActingAs);

    /// <summary>The platform above this hub supervises every case, as the center does.</summary>
    public bool IsSupervisingPlatform => IsMachine && ActingAs == Contracts.Roles.Upstream;

    /// <summary>Unit staff, acting as such: they see the cases of <see cref="Unit"/>.</summary>
    public bool IsUnitStaff => ActingAs == Contracts.Roles.Unit && Unit is not null;

    /// <summary>The person who reported the case: the same subject of the same issuer.</summary>
    public bool Reported(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.ReporterSubject == Subject && facts.ReporterIssuer == Issuer;
    }
}
