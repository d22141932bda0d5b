using System.Collections.ObjectModel;

namespace Lyg.Hub.Tests.Support;

/// <summary>A list an exporter may append to from any thread while a test reads it.</summary>
public sealed class LockedList<T> : Collection<T>
{
    public List<T> Snapshot()
    {
        lock (Items)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (Items)
        {
            base.InsertItem(index, item);
        }
    }
}
