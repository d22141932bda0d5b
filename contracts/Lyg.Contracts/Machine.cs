namespace Lyg.Contracts;

/// <summary>GET v1/machine/ping: the machine client the signature identified, and its kind.</summary>
public sealed record MachineIdentity(string ClientId, string Kind);
