namespace Lyg.Hub.Features.Readings;

/// <summary>A reading whose wire shape passed: a sensor id that is a table key as it is, a time, finite named values.</summary>
public sealed record SensorReading(string SensorId, DateTimeOffset ObservedAt, IReadOnlyDictionary<string, double> Values);
