using Lyg.Hub.Importing;

namespace Lyg.Hub.Tests.Features.Components;

/// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so a test sees every report when the call returns.</summary>
internal sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
{
    public void Report(ImportProgress value) => report(value);
}
