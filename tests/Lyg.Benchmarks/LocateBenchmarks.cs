using BenchmarkDotNet.Attributes;
using Lyg.Orchestrations.Geo;

namespace Lyg.Benchmarks;

/// <summary>
/// Locate throughput on about 10^5 grids (the sample city at benchmark size): the STR-tree against a scan of the same
/// grids, over the same seeded points, in the same run. One operation is one lookup.
/// </summary>
public class LocateBenchmarks
{
    private const int Lookups = 1_000;

    private GridIndex _index = null!;
    private GeoPoint[] _points = [];

    [GlobalSetup]
    public void Setup()
    {
        var city = SampleCity.Generate(SampleCityOptions.Large);
        _index = city.ToIndex();
        var random = new Random(7);
        // Points spread over the districts' extents and a margin, so hits, holes and misses all occur.
        _points = [.. Enumerable.Range(0, Lookups).Select(i =>
        {
            var e = city.Districts[i % city.Districts.Count].Extent;
            return new GeoPoint(e.MinY - 0.01 + random.NextDouble() * (e.Height + 0.02), e.MinX - 0.01 + random.NextDouble() * (e.Width + 0.02));
        })];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public int Scan()
    {
        var found = 0;
        foreach (var p in _points)
        {
            found += _index.LocateByScan(p.Lat, p.Lon) is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int StrTree()
    {
        var found = 0;
        foreach (var p in _points)
        {
            found += _index.Locate(p.Lat, p.Lon) is null ? 0 : 1;
        }

        return found;
    }
}
