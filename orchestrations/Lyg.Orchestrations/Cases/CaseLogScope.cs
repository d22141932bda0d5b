using Microsoft.Extensions.Logging;

namespace Lyg.Orchestrations.Cases;

/// <summary>
/// The log scope that names the case being worked on, as <c>CaseId</c>: every log written inside it (storage, the SDK,
/// the handler) can be found by case, whichever host or activity wrote it.
/// </summary>
public static class CaseLogScope
{
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("Case {CaseId}");

    public static IDisposable? Begin(ILogger logger, string caseId) => Scope(logger, caseId);
}
