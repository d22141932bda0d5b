using Lyg.Contracts;

namespace Lyg.Hub.Auth;

/// <summary>The authenticated person behind a request: subject, roles and, for unit staff, the unit code.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, string? Unit)
{
    public bool IsInAnyRole(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>The role recorded on the timeline: the first of the caller's roles that the action allows.</summary>
    public string ActingRole(IReadOnlySet<string> allowed) =>
        Roles.Where(allowed.Contains).Order(StringComparer.Ordinal).FirstOrDefault()
        ?? throw new InvalidOperationException("The caller holds none of the allowed roles.");

    public bool IsStaff => Roles.Any(Contracts.Roles.Staff.Contains);
}
