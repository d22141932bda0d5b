namespace Lyg.Import;

/// <summary>One command of the tool: its name, how to call it, and what it does.</summary>
internal interface ICommand
{
    string Name { get; }

    /// <summary>The arguments after the name, e.g. <c>&lt;file&gt;... [--dry-run]</c>.</summary>
    string Usage { get; }

    string Summary { get; }

    /// <summary>Options that take a value (<c>--label TEXT</c>); every other option must be a flag.</summary>
    IReadOnlyCollection<string> ValueOptions { get; }

    IReadOnlyCollection<string> Flags { get; }

    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken);
}

/// <summary>What the tool's exit code tells a script.</summary>
internal static class ExitCodes
{
    /// <summary>Done: imported, written, or valid on a dry run.</summary>
    public const int Success = 0;

    /// <summary>The data has problems; they were printed and nothing was written.</summary>
    public const int Problems = 1;

    /// <summary>Wrong arguments, unreadable files, or storage that does not answer.</summary>
    public const int UsageOrIo = 2;
}
