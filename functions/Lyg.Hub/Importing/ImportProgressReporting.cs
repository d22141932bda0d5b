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
}
