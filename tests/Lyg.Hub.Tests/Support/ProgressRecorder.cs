using Lyg.Hub.Importing;

namespace Lyg.Hub.Tests.Support;

/// <summary>Keeps every progress report, in order, as it is made (no synchronisation context in between).</summary>
internal sealed class ProgressRecorder : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value) => Reports.Add(value);
}
