using System.Globalization;

namespace Lyg.Hub.Storage;

/// <summary>Pieces of table keys that must read the same in every process and sort as the lists want them.</summary>
public static class StableKeys
{
    private const uint FnvOffset = 2166136261u;
    private const uint FnvPrime = 16777619u;

    /// <summary>A stable bucket of an id, 0 to <paramref name="buckets"/> − 1 as two digits (FNV-1a, not string.GetHashCode, which changes per process).</summary>
    public static string Bucket(string id, int buckets)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = FnvOffset;
        foreach (var c in id)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return (hash % (uint)buckets).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>A stable hash of instants (FNV-1a over their UTC ticks), as eight hex digits.</summary>
    public static string HashOf(IEnumerable<DateTimeOffset> instants)
    {
        ArgumentNullException.ThrowIfNull(instants);
        var hash = FnvOffset;
        foreach (var instant in instants)
        {
            foreach (var b in BitConverter.GetBytes(instant.UtcTicks))
            {
                hash = (hash ^ b) * FnvPrime;
            }
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Ticks counted down from the end of time, 19 digits: keys that sort newest first.</summary>
    public static string NewestFirst(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
