using System.Globalization;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Orchestrations;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Features.Sensors;

/// <summary>
/// The sensor kinds in force: those built in (<c>sensor-kinds.json</c>, shipped with the hub), with the kinds of the
/// <c>Sensors:KindsFile</c> file over them, each replacing the built-in kind of its id whole or adding a new kind.
/// Checked when loaded, so a faulty file stops the host at start with every fault listed.
/// </summary>
public sealed class SensorKindCatalog
{
    public const int MaxValueNameLength = 64;

    private const string ResourceName = "Lyg.Hub.Features.Sensors.sensor-kinds.json";

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    private readonly Dictionary<string, SensorKind> _kinds;

    private SensorKindCatalog(IEnumerable<SensorKind> kinds) => _kinds = kinds.ToDictionary(k => k.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<SensorKind> Kinds => _kinds.Values;

    public static SensorKindFile BuiltInFile() => EmbeddedJson.Read(typeof(SensorKindCatalog).Assembly, ResourceName, SensorJsonContext.Default.SensorKindFile);

    /// <summary>The built-in kinds alone.</summary>
    public static SensorKindCatalog BuiltIn { get; } = From(BuiltInFile(), null, CodeCatalog.Default);

    /// <summary>The built-in kinds with the file's over them; <paramref name="file"/> null or blank: the built-in ones.</summary>
    public static SensorKindCatalog Load(string? file, CodeCatalog codes)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return From(BuiltInFile(), null, codes);
        }

        SensorKindFile configured;
        try
        {
            configured = ConfiguredFile.Read(file, SensorJsonContext.Default.SensorKindFile);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Sensors:KindsFile {file} cannot be read: {ex.Message}", ex);
        }

        return From(BuiltInFile(), configured, codes);
    }

    /// <exception cref="InvalidOperationException">A kind has faults; the message lists them all.</exception>
    public static SensorKindCatalog From(SensorKindFile builtIn, SensorKindFile? over, CodeCatalog codes)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(codes);
        var faults = new[] { builtIn, over }.OfType<SensorKindFile>()
            .SelectMany(f => f.Kinds.GroupBy(k => k.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            .Select(g => $"kind {g.Key}: listed more than once in one file")
            .ToList();
        var entries = builtIn.Kinds.ToList();
        foreach (var kind in over?.Kinds ?? [])
        {
            entries.RemoveAll(k => k.Id == kind.Id);
            entries.Add(kind);
        }

        var kinds = new List<SensorKind>();
        foreach (var entry in entries)
        {
            var found = Check(entry, codes).ToList();
            faults.AddRange(found.Select(f => $"kind {entry.Id}: {f}"));
            if (found.Count == 0)
            {
                kinds.Add(ToKind(entry));
            }
        }

        return faults.Count == 0
            ? new SensorKindCatalog(kinds)
            : throw new InvalidOperationException("Sensor kinds have faults: " + string.Join("; ", faults));
    }

    public SensorKind? Find(string? id) => id is not null && _kinds.TryGetValue(id, out var kind) ? kind : null;

    /// <summary>What a refusal of an unknown kind says.</summary>
    public string Expected() => $"One of: {string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal))}.";

    private static IEnumerable<string> Check(SensorKindEntry kind, CodeCatalog codes)
    {
        if (!SensorRuleChecks.KebabCase().IsMatch(kind.Id ?? ""))
        {
            yield return "an id is kebab-case, e.g. water-level";
        }

        if (string.IsNullOrWhiteSpace(kind.Name) || string.IsNullOrWhiteSpace(kind.Domain))
        {
            yield return "name and domain are required";
        }

        if (kind.Values is not { Count: > 0 })
        {
            yield return "values is empty; a kind reports at least one value";
            yield break;
        }

        foreach (var (name, value) in kind.Values)
        {
            if (!Readings.TelemetryDocument.IsValueName(name))
            {
                yield return $"value name '{name}' is not 1 to {MaxValueNameLength} letters, digits or '_' starting with a letter";
            }

            if (string.IsNullOrWhiteSpace(value.Unit))
            {
                yield return $"values.{name}: a unit is required";
            }

            if (!double.IsFinite(value.Min) || !double.IsFinite(value.Max) || value.Min >= value.Max)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"values.{name}: the physical range {value.Min} to {value.Max} is empty; min is below max");
            }
        }

        if (kind.DefaultInterval < MinInterval || kind.DefaultInterval > MaxInterval)
        {
            yield return $"defaultInterval {kind.DefaultInterval} is not from {MinInterval} to {MaxInterval}";
        }

        if (kind.Case is { } policy)
        {
            if (CodeSchemes.OfCategoryCode(policy.CategoryCode) is not { } scheme || !codes.IsKnown(scheme, policy.CategoryKind, policy.CategoryCode))
            {
                yield return $"case.categoryCode {policy.CategoryCode} is not a {WireNames.Of(policy.CategoryKind)} code of the shipped schemes (GET v1/codes lists them)";
            }

            if (!Enum.IsDefined(policy.CaseLevel))
            {
                yield return $"case.caseLevel is not defined; {WireNames.Expected<WarningLevel>()}";
            }
        }

        foreach (var fault in SensorRuleChecks.Check(kind.Rules ?? [], SpecsOf(kind)))
        {
            yield return fault;
        }
    }

    private static SensorKind ToKind(SensorKindEntry entry) =>
        new(entry.Id, entry.Name, entry.Domain, entry.DataModel, SpecsOf(entry), entry.DefaultInterval, entry.Case, entry.Rules);

    private static Dictionary<string, SensorValueSpec> SpecsOf(SensorKindEntry entry) =>
        entry.Values.ToDictionary(v => v.Key, v => new SensorValueSpec(v.Key, v.Value.Unit, v.Value.Min, v.Value.Max), StringComparer.Ordinal);
}
