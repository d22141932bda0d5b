using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Importing;

namespace Lyg.Hub.Features.Components;

/// <summary>
/// The component attributes under the 2013 field names in common use (ObjID, ObjName, DeptCode1–3 with DeptName1–3,
/// BGID, ObjState, ORDate, CHDate, DataSource, Note), read from a source feature whatever the case of the field name.
/// Reading only interprets; <see cref="ComponentValidator"/> decides what is acceptable and words the problems.
/// </summary>
internal static class ComponentFields
{
    public const string Id = "ObjID";
    public const string Name = "ObjName";
    public const string Grid = "BGID";
    public const string State = "ObjState";
    public const string RecordedOn = "ORDate";
    public const string ChangedOn = "CHDate";
    public const string Source = "DataSource";
    public const string Note = "Note";

    public const string IdShapeError =
        "A component id is 16 digits (gb2013) or 17 digits (gb2026): 6-digit division, type code, 6-digit sequence.";

    public const string StateChoices = "完好, 破损, 丢失, 占用 (or intact, damaged, lost, occupied)";

    public const string DateFormats = "yyyy-MM-dd or yyyyMMdd";

    private static readonly string[] DateFormatPatterns = ["yyyy-MM-dd", "yyyyMMdd"];

    private static readonly Dictionary<string, ComponentState> StateWords = BuildStateWords();

    /// <summary>The three units a component names: 主管部门, 权属单位, 养护单位, each as a code field and a name field.</summary>
    public static IReadOnlyList<UnitFields> Units { get; } =
    [
        new("DeptCode1", "DeptName1"),
        new("DeptCode2", "DeptName2"),
        new("DeptCode3", "DeptName3"),
    ];

    /// <summary>The state for 完好/破损/丢失/占用 or the English wire names, in any case.</summary>
    public static bool TryParseState(string text, out ComponentState state) => StateWords.TryGetValue(text, out state);

    /// <summary>
    /// A date field: absent or blank is null and fine; a date value (Shapefile date fields) is taken as it is; text must
    /// be yyyy-MM-dd or yyyyMMdd. False when the field holds something else.
    /// </summary>
    public static bool TryReadDate(SourceFeature feature, string field, out DateOnly? date)
    {
        date = null;
        feature.Attributes.TryGetValue(field, out var value);
        switch (value)
        {
            case DateOnly day:
                date = day;
                return true;
            case DateTime instant:
                date = DateOnly.FromDateTime(instant);
                return true;
            case DateTimeOffset instant:
                date = DateOnly.FromDateTime(instant.DateTime);
                return true;
        }

        if (feature.Text(field) is not { } text)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, DateFormatPatterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    private static Dictionary<string, ComponentState> BuildStateWords()
    {
        var words = Enum.GetValues<ComponentState>().ToDictionary(s => JsonNaming.Camel(s.ToString()), StringComparer.OrdinalIgnoreCase);
        words.Add("完好", ComponentState.Intact);
        words.Add("破损", ComponentState.Damaged);
        words.Add("丢失", ComponentState.Lost);
        words.Add("占用", ComponentState.Occupied);
        return words;
    }
}

/// <summary>The pair of fields naming one unit of a component: its registry code and its name.</summary>
internal sealed record UnitFields(string Code, string Name);
