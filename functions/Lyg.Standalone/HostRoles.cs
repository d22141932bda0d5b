namespace Lyg.Standalone;

/// <summary>
/// What one standalone process does (setting <c>Standalone:Roles</c>, a comma-separated list; all of them when unset).
/// A container that only consumes streams runs without <see cref="Workflows"/>, so it never joins the task hub's
/// partitions and competes with the Functions app for them; without <see cref="Api"/> only <c>GET health</c> is served.
/// </summary>
[Flags]
public enum HostRoles
{
    None = 0,

    /// <summary>The HTTP API of the catalogue.</summary>
    Api = 1,

    /// <summary>The durable worker (case workflows and activities), the maintenance timers that act on workflows, and the outbox dispatcher.</summary>
    Workflows = 2,

    /// <summary>The stream processors (the Event Hubs consumers configured under <c>EventHubs:*</c>, the in-process telemetry channel) and the outbox dispatcher.</summary>
    Processors = 4,

    All = Api | Workflows | Processors,
}

public static class HostRoleSetting
{
    public const string Key = "Standalone:Roles";

    private static readonly Dictionary<string, HostRoles> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["api"] = HostRoles.Api,
        ["workflows"] = HostRoles.Workflows,
        ["processors"] = HostRoles.Processors,
    };

    /// <summary>The roles named by the setting; an unknown or empty list stops the host, naming the valid ones.</summary>
    public static HostRoles Parse(string? setting)
    {
        if (setting is null)
        {
            return HostRoles.All;
        }

        var roles = HostRoles.None;
        foreach (var name in setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            roles |= Names.TryGetValue(name, out var role)
                ? role
                : throw new InvalidOperationException($"{Key}: '{name}' is not a role. Name any of: {string.Join(", ", Names.Keys)}.");
        }

        return roles == HostRoles.None
            ? throw new InvalidOperationException($"{Key} names no role. Name any of: {string.Join(", ", Names.Keys)}, or leave it unset for all.")
            : roles;
    }
}
