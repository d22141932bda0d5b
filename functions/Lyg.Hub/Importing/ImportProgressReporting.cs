namespace Lyg.Hub.Importing;

/// <summary>
/// How often long loops report progress: at the first item (so a display can time the phase from its start), every
/// <see cref="Step"/> items, and at the last.
/// </summary>
internal static class ImportProgressReporting
{
    public const int Step = 1000;

    /// <summary>Reports <paramref name="done"/> when it is the first item, a multiple of the step, or the last item.</summary>
    public static void Tick(this IProgress<ImportProgress>? progress, string phase, long done, long? total)
    {
        if (progress is not null && (done == 1 || done % Step == 0 || done == total))
        {
            progress.Report(new ImportProgress(phase, done, total));
        }
    }

    /// <summary>
    /// Progress of one slice of a larger piece of work: a slice's <c>done of its own count</c> is reported as
    /// <c>before + done</c> of <paramref name="total"/>.
    /// </summary>
    public static IProgress<ImportProgress>? Slice(this IProgress<ImportProgress>? progress, long before, long total) =>
        progress is null ? null : new SliceProgress(progress, before, total);

    private sealed class SliceProgress(IProgress<ImportProgress> whole, long before, long total) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => whole.Report(new ImportProgress(value.Phase, before + value.Done, total));
    }
}
