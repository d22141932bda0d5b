namespace Lyg.Contracts;

/// <summary>GET health: overall status and one entry per dependency.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthCheckResult> Checks);

public sealed record HealthCheckResult(string Name, string Status, string? Detail);
