using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// The wire names of contract enums as their <see cref="JsonStringEnumMemberNameAttribute"/>s declare them: the one
/// vocabulary of JSON bodies, answers and query parameters. Names match exactly (ordinal, no trimming), as the API
/// documents them: <c>basicallySatisfied</c>, not <c>BasicallySatisfied</c> or <c>basicallysatisfied</c>.
/// </summary>
public static class WireNames
{
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum => Vocabulary<T>.ValuesByName.TryGetValue(name ?? "", out value);

    /// <summary>The wire name of a defined member; null for a value the enum does not declare.</summary>
    public static string? Of<T>(T value)
        where T : struct, Enum => Vocabulary<T>.NamesByValue.GetValueOrDefault(value);

    /// <summary>What a refusal says: <c>One of: wgs84, gcj02, cgcs2000, bd09.</c></summary>
    public static string Expected<T>()
        where T : struct, Enum => Vocabulary<T>.Expected;

    private static class Vocabulary<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> NamesByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

        public static readonly Dictionary<string, T> ValuesByName = NamesByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly string Expected = $"One of: {string.Join(", ", NamesByValue.Values)}.";
    }
}

/// <summary>
/// Reads and writes a contract enum by its wire names only, on every wire enum through <c>[JsonConverter]</c> (which
/// the source generator honours). System.Text.Json's string-enum converter also reads integers (<c>"crs": 2</c>,
/// <c>"2"</c>) and comma-joined names (<c>"wgs84, gcj02"</c>) and writes an undefined value as a number, so values
/// nobody sent reached storage and workflows.
/// </summary>
public sealed class WireEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && WireNames.TryParse<T>(reader.GetString(), out var value)
            ? value
            : throw new WireValueException(WireNames.Expected<T>());

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(
            WireNames.Of(value) ?? throw new WireValueException($"{value:D} is not a member of {typeof(T).Name}; {WireNames.Expected<T>()}"));
    }
}

/// <summary>
/// A JSON value a contract does not define, such as an enum name it does not declare. The message says what is
/// accepted; the serializer adds the path of the value, so an answer can name the field.
/// </summary>
public sealed class WireValueException : JsonException
{
    public WireValueException()
    {
    }

    public WireValueException(string message)
        : base(message)
    {
    }

    public WireValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
