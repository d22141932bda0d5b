namespace Lyg.Contracts;

/// <summary>GET health: overall status, one entry per dependency, the place map and the calendar years in force.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthCheckResult> Checks, PlaceMapHealth? Places = null, CalendarHealth? Calendar = null);

public sealed record HealthCheckResult(string Name, string Status, string? Detail);

/// <summary>Which place map the host serves (an import's label, or the synthetic sample) and how many unit grids it has.</summary>
public sealed record PlaceMapHealth(string Label, int Grids);
