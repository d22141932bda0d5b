namespace Lyg.Hub.Auth;

/// <summary>
/// Section <c>MachineClients</c>: one entry per machine client, keyed by its client id (the <c>X-Lyg-Client</c> it
/// sends). Only Development ships sample clients; every other environment configures its own.
/// </summary>
public sealed class MachineClientsOptions
{
    public const string Section = "MachineClients";

    public Dictionary<string, MachineClientSettings> Clients { get; } = new(StringComparer.Ordinal);
}

/// <summary><c>MachineClients:{id}</c>.</summary>
public sealed class MachineClientSettings
{
    /// <summary>One of <see cref="Contracts.Roles.Machines"/>: the role its requests act in.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Base64 HMAC-SHA256 keys of at least 32 bytes; any one verifies, so a new one is added before the old is removed.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>Catalogue names the client may call; empty means every endpoint that admits its kind.</summary>
    public IList<string> Endpoints { get; } = [];

    /// <summary>Open311 clients only: the <c>api_key</c> values that identify it.</summary>
    public IList<string> ApiKeys { get; } = [];
}
