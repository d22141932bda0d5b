namespace Lyg.Contracts;

/// <summary>
/// POST v1/telemetry, and the body of each telemetry event on Event Hubs: readings of sensors, each with its time
/// (RFC 3339 with an offset) and named numeric values (<c>{"waterLevel": 2.31, "rainfall": 0.4}</c>).
/// </summary>
public sealed record TelemetryBatch(IReadOnlyList<TelemetryReading> Readings);

public sealed record TelemetryReading(string SensorId, DateTimeOffset ObservedAt, IReadOnlyDictionary<string, double> Values);

/// <summary>202 of POST v1/telemetry: every reading of the request stored (a repeat of a reading stores the same row again).</summary>
public sealed record TelemetryAccepted(int Stored);
