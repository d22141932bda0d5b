using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;
using Lyg.Hub.Features.Codes;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>One row of the category table: a 12345 category path (1 to 5 names) and the code and kind it maps to.</summary>
public sealed record HotlineCategoryEntry(IReadOnlyList<string>? Path, string? CategoryCode, CodeKind? CategoryKind);

/// <summary>The category table file: a note saying where it comes from, and its entries.</summary>
public sealed record HotlineCategoryTable(string? Note, IReadOnlyList<HotlineCategoryEntry>? Entries);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(HotlineCategoryTable))]
internal sealed partial class HotlineCategoryJsonContext : JsonSerializerContext;

/// <summary>
/// Maps 12345's category path (up to five levels of names, 城市管理 › 市容环卫 › 暴露垃圾) to a component or event code of
/// the code schemes, through a table that is configuration (<c>Hotline12345:CategoryMapFile</c>; built in: a labelled
/// Lianyungang sample). A path maps when it begins with an entry's path, the longest such entry winning, so a city can
/// map a whole branch at once and refine it below. A path no entry begins is not refused: its case waits, without a
/// category, for an operator to classify it when registering. The table is checked whole at start: every path 1 to 5
/// names, none twice, every code a known category of its kind.
/// </summary>
public sealed class HotlineCategoryMap
{
    public const int MaxLevels = 5;
    public const int MaxNameLength = 64;

    private readonly Dictionary<string, HotlineCategoryEntry> _byPath;

    public HotlineCategoryMap(IOptions<HotlineOptions> options, CodeCatalog codes)
        : this(Load(options.Value.CategoryMapFile), codes, options.Value.CategoryMapFile ?? "the built-in sample")
    {
    }

    public HotlineCategoryMap(HotlineCategoryTable table, CodeCatalog codes, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<string>();
        _byPath = new Dictionary<string, HotlineCategoryEntry>(StringComparer.Ordinal);
        var entries = table.Entries ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Path is not { Count: > 0 and <= MaxLevels } path || path.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > MaxNameLength))
            {
                problems.Add($"entries[{i}].path: 1 to {MaxLevels} names of 1 to {MaxNameLength} characters.");
                continue;
            }

            if (CategoryCode.Check(entry.CategoryCode, entry.CategoryKind, codes) is { } codeProblem)
            {
                problems.Add($"entries[{i}].categoryCode: {codeProblem}");
            }
            else if (entry.CategoryKind is null)
            {
                problems.Add($"entries[{i}].categoryKind: component or event.");
            }

            if (!_byPath.TryAdd(Key(path), entry))
            {
                problems.Add($"entries[{i}].path: {string.Join(" › ", path)} is in the table twice.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The 12345 category table ({source}) has problems: {string.Join(" ", problems)}");
        }
    }

    /// <summary>The entry for the longest beginning of <paramref name="path"/> in the table; null when none (the operator classifies).</summary>
    public HotlineCategoryEntry? Resolve(IReadOnlyList<string>? path)
    {
        if (path is null)
        {
            return null;
        }

        for (var length = Math.Min(path.Count, MaxLevels); length > 0; length--)
        {
            if (_byPath.TryGetValue(Key(path.Take(length)), out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    private static string Key(IEnumerable<string> path) => string.Join('\u001f', path.Select(n => n.Trim()));

    private static HotlineCategoryTable Load(string? file)
    {
        if (file is null)
        {
            using var sample = typeof(HotlineCategoryMap).Assembly.GetManifestResourceStream("Lyg.Hub.Features.Hotline12345.Data.categories.lianyungang.sample.json")
                ?? throw new InvalidOperationException("The built-in 12345 category sample is missing.");
            return JsonSerializer.Deserialize(sample, HotlineCategoryJsonContext.Default.HotlineCategoryTable)!;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), HotlineCategoryJsonContext.Default.HotlineCategoryTable)
                ?? throw new InvalidOperationException($"{HotlineOptions.Section}:{nameof(HotlineOptions.CategoryMapFile)} ({file}) holds null.");
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{HotlineOptions.Section}:{nameof(HotlineOptions.CategoryMapFile)} ({file}) cannot be read: {ex.Message}", ex);
        }
    }
}
