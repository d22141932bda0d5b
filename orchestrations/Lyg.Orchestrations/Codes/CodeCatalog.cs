using Lyg.Contracts;

namespace Lyg.Orchestrations.Codes;

/// <summary>
/// The versioned code schemes (gb2013, cj214, gb2026) and the mappings between them. Class numbering differs between
/// editions, so it lives in data, never in code.
/// </summary>
/// <remarks>
/// A 4-digit code does not say whether it names a component or an event (gb2013 0101 is both 供水井盖 and 私搭乱建),
/// so lookups without a kind may find two entries. Mappings are stored one way and apply both ways; schemes without a
/// direct mapping are mapped through one shared scheme (cj214 ↔ gb2026 through gb2013).
/// </remarks>
public sealed class CodeCatalog
{
    private static readonly Lazy<CodeCatalog> LazyDefault = new(() => FromData(EmbeddedJson.Read(typeof(CodeCatalog).Assembly, "Lyg.Orchestrations.Codes.Data.codes.json", CodeDataJsonContext.Default.CodeData)));

    // Schemes in data order; entries per scheme components first, then by code.
    private readonly Dictionary<string, IReadOnlyList<CodeEntry>> _entries;
    private readonly Dictionary<(string Scheme, CodeKind Kind, string Code), CodeEntry> _byCode;
    private readonly Dictionary<(string From, string To), Dictionary<(CodeKind Kind, string Code), string>> _maps;

    private CodeCatalog(
        List<string> schemes,
        Dictionary<(string, CodeKind, string), CodeEntry> byCode,
        Dictionary<(string, string), Dictionary<(CodeKind, string), string>> maps)
    {
        Schemes = schemes;
        _byCode = byCode;
        _maps = maps;
        _entries = schemes.ToDictionary(
            s => s,
            s => (IReadOnlyList<CodeEntry>)[.. byCode.Values.Where(e => e.Scheme == s).OrderBy(e => e.Kind).ThenBy(e => e.Code, StringComparer.Ordinal)],
            StringComparer.Ordinal);
    }

    /// <summary>The catalogue embedded in this assembly.</summary>
    public static CodeCatalog Default => LazyDefault.Value;

    /// <summary>Scheme ids in data order.</summary>
    public IReadOnlyList<string> Schemes { get; }

    public bool HasScheme(string? scheme) => scheme is not null && _entries.ContainsKey(scheme);

    /// <summary>Every entry of a scheme, or of one kind in it: components first, then in code order.</summary>
    public IReadOnlyList<CodeEntry> List(string scheme, CodeKind? kind = null)
    {
        var entries = EntriesOf(scheme);
        return kind is { } k ? [.. entries.Where(e => e.Kind == k)] : entries;
    }

    /// <summary>The entries with this code: one per kind that uses it, so up to two without a kind.</summary>
    public IReadOnlyList<CodeEntry> Find(string scheme, CodeKind? kind, string code)
    {
        EntriesOf(scheme);
        return [.. (kind is { } k ? [k] : Enum.GetValues<CodeKind>())
            .Select(k => _byCode.GetValueOrDefault((scheme, k, code)))
            .OfType<CodeEntry>()];
    }

    public bool IsKnown(string scheme, CodeKind? kind, string code) => Find(scheme, kind, code).Count > 0;

    /// <summary>
    /// The equivalent entry in <paramref name="toScheme"/>, or null when there is none (e.g. a provisional 突发事件
    /// code has no 2026 counterpart) or the code is unknown.
    /// </summary>
    public CodeEntry? Map(string fromScheme, CodeKind kind, string code, string toScheme)
    {
        EntriesOf(fromScheme);
        EntriesOf(toScheme);
        if (fromScheme == toScheme)
        {
            return _byCode.GetValueOrDefault((fromScheme, kind, code));
        }

        if (MapDirect(fromScheme, kind, code, toScheme) is { } direct)
        {
            return _byCode[(toScheme, kind, direct)];
        }

        foreach (var via in Schemes)
        {
            if (_maps.ContainsKey((fromScheme, via)) && _maps.ContainsKey((via, toScheme))
                && MapDirect(fromScheme, kind, code, via) is { } step
                && MapDirect(via, kind, step, toScheme) is { } mapped)
            {
                return _byCode[(toScheme, kind, mapped)];
            }
        }

        return null;
    }

    /// <summary>Builds a catalogue after checking the data; every problem found is listed in one <see cref="ArgumentException"/>.</summary>
    public static CodeCatalog FromData(CodeData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(data.Schemes);
        ArgumentNullException.ThrowIfNull(data.Mappings);
        var errors = new List<string>();
        var schemes = new List<string>();
        var byCode = new Dictionary<(string, CodeKind, string), CodeEntry>();

        foreach (var scheme in data.Schemes)
        {
            if (!IsSchemeId(scheme.Id) || schemes.Contains(scheme.Id))
            {
                errors.Add($"scheme '{scheme.Id}' needs a unique id of lower-case letters and digits");
                continue;
            }

            schemes.Add(scheme.Id);
            AddMajors(scheme, byCode, errors);
        }

        var maps = new Dictionary<(string, string), Dictionary<(CodeKind, string), string>>();
        foreach (var mapping in data.Mappings)
        {
            AddMapping(mapping, schemes, byCode, maps, errors);
        }

        return errors.Count > 0
            ? throw new ArgumentException("The code data is invalid: " + string.Join("; ", errors) + ".", nameof(data))
            : new CodeCatalog(schemes, byCode, maps);
    }

    private static void AddMajors(CodeSchemeData scheme, Dictionary<(string, CodeKind, string), CodeEntry> byCode, List<string> errors)
    {
        var majors = new HashSet<(CodeKind, string)>();
        int? codeLength = null;
        foreach (var major in scheme.Majors)
        {
            if (major.Code.Length != 2 || !IsDigits(major.Code) || !majors.Add((major.Kind, major.Code)))
            {
                errors.Add($"{scheme.Id} {major.Kind} major '{major.Code}' is not a unique 2-digit code");
                continue;
            }

            foreach (var entry in major.Entries)
            {
                codeLength ??= entry.Code.Length;
                if (!IsDigits(entry.Code) || entry.Code.Length != codeLength || !entry.Code.StartsWith(major.Code, StringComparison.Ordinal))
                {
                    errors.Add($"{scheme.Id} {major.Kind} code '{entry.Code}' is not {codeLength} digits starting with its major {major.Code}");
                }
                else if (!byCode.TryAdd((scheme.Id, major.Kind, entry.Code), new CodeEntry(scheme.Id, major.Kind, entry.Code, entry.Name, major.Code, major.Name, entry.Confidence)))
                {
                    errors.Add($"{scheme.Id} {major.Kind} code {entry.Code} is listed twice");
                }
            }
        }
    }

    private static void AddMapping(
        CodeMappingData mapping,
        List<string> schemes,
        Dictionary<(string, CodeKind, string), CodeEntry> byCode,
        Dictionary<(string, string), Dictionary<(CodeKind, string), string>> maps,
        List<string> errors)
    {
        var name = $"mapping {mapping.From} → {mapping.To}";
        if (!schemes.Contains(mapping.From) || !schemes.Contains(mapping.To) || mapping.From == mapping.To || maps.ContainsKey((mapping.From, mapping.To)))
        {
            errors.Add($"{name} needs two different known schemes and must not repeat");
            return;
        }

        var forward = new Dictionary<(CodeKind, string), string>();
        var backward = new Dictionary<(CodeKind, string), string>();
        foreach (var pair in mapping.Pairs)
        {
            if (!byCode.ContainsKey((mapping.From, pair.Kind, pair.From)) || !byCode.ContainsKey((mapping.To, pair.Kind, pair.To)))
            {
                errors.Add($"{name}: {pair.Kind} {pair.From} → {pair.To} names an unknown code");
            }
            else if (forward.ContainsKey((pair.Kind, pair.From)) || backward.ContainsKey((pair.Kind, pair.To)))
            {
                errors.Add($"{name}: {pair.Kind} {pair.From} → {pair.To} maps a code twice");
            }
            else
            {
                forward[(pair.Kind, pair.From)] = pair.To;
                backward[(pair.Kind, pair.To)] = pair.From;
            }
        }

        maps[(mapping.From, mapping.To)] = forward;
        maps[(mapping.To, mapping.From)] = backward;
    }

    private string? MapDirect(string fromScheme, CodeKind kind, string code, string toScheme) =>
        _maps.TryGetValue((fromScheme, toScheme), out var map) ? map.GetValueOrDefault((kind, code)) : null;

    private IReadOnlyList<CodeEntry> EntriesOf(string scheme) =>
        _entries.TryGetValue(scheme, out var entries)
            ? entries
            : throw new ArgumentException($"Unknown code scheme '{scheme}'; known: {string.Join(", ", Schemes)}.", nameof(scheme));

    private static bool IsSchemeId(string? id) => id is { Length: > 0 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static bool IsDigits(string? code) => code is { Length: > 0 } && code.All(char.IsAsciiDigit);
}
