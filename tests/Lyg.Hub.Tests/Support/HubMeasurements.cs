using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Lyg.Hub.Telemetry;

namespace Lyg.Hub.Tests.Support;

/// <summary>One measurement of a hub instrument, with its tags.</summary>
public sealed record HubMeasurement(string Instrument, long Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Listens to the hub's meter and keeps what is recorded in the async flow that created it, so a test sees its own
/// measurements and not those of the tests running beside it (the meter is static, one per process).
/// </summary>
public sealed class HubMeasurements : IDisposable
{
    private readonly AsyncLocal<object?> _flow = new();
    private readonly object _marker = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<HubMeasurement> _recorded = new();

    public HubMeasurements()
    {
        _flow.Value = _marker;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (ReferenceEquals(_flow.Value, _marker))
            {
                var named = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    named[tag.Key] = tag.Value?.ToString();
                }

                _recorded.Enqueue(new HubMeasurement(instrument.Name, value, named));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<HubMeasurement> Of(string instrument) => _recorded.Where(m => m.Instrument == instrument).ToList();

    public long Sum(string instrument) => Of(instrument).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
