namespace Lyg.Hub.Importing;

/// <summary>
/// Why one record of an import file cannot be taken: its 1-based position in the file (0 when the problem concerns
/// the import as a whole), its code or id when it has one, and what is wrong in words an administrator can act on.
/// </summary>
public sealed record ImportProblem(long Record, string? Code, string Message)
{
    /// <summary>The file the record came from, when an import reads several.</summary>
    public string? Source { get; init; }

    /// <summary>A problem of <paramref name="feature"/>, naming its file and position.</summary>
    public static ImportProblem About(SourceFeature feature, string? code, string message)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return new ImportProblem(feature.Record, code, message) { Source = feature.Source };
    }

    public override string ToString()
    {
        var where = Record == 0 ? Source ?? "import" : Source is null ? $"record {Record}" : $"{Source} record {Record}";
        return Code is null ? $"{where}: {Message}" : $"{where} ({Code}): {Message}";
    }
}
