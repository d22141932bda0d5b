using System.Globalization;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>Prints the problems that kept an import from being written: the first ones in file order, then the count.</summary>
internal static class ProblemReport
{
    private const int ShownProblems = 50;

    public static async Task<int> WriteAsync(TextWriter output, IReadOnlyList<ImportProblem> problems)
    {
        foreach (var problem in problems.Take(ShownProblems))
        {
            await output.WriteLineAsync(problem.ToString());
        }

        var hidden = problems.Count > ShownProblems ? string.Create(CultureInfo.InvariantCulture, $" (the first {ShownProblems} are shown)") : "";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{problems.Count:N0} problems{hidden}; nothing was written."));
        return ExitCodes.Problems;
    }
}
