namespace Lyg.Hub.Importing;

/// <summary>
/// Why one record of an import file cannot be taken: its 1-based position in the file, its code or id when it has
/// one, and what is wrong in words an administrator can act on.
/// </summary>
public sealed record ImportProblem(long Record, string? Code, string Message)
{
    public override string ToString() => Code is null ? $"record {Record}: {Message}" : $"record {Record} ({Code}): {Message}";
}
