using Lyg.Contracts;

namespace Lyg.Hub.Api;

/// <summary>
/// Defense in depth behind <see cref="WireEnumConverter{T}"/>: an enum value its contract does not declare (a cast, a
/// caller that did not come through JSON) is a field error, never stored or handed to a workflow.
/// </summary>
public static class EnumFields
{
    /// <summary>The value when its enum declares it, or null when absent; null with an error under <paramref name="field"/> otherwise.</summary>
    public static T? Defined<T>(T? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } given || Enum.IsDefined(given))
        {
            return value;
        }

        errors[field] = [WireNames.Expected<T>()];
        return null;
    }

    /// <summary>As <see cref="Defined"/>, and an absent value is an error too, saying <paramref name="missing"/>.</summary>
    public static T? Required<T>(T? value, string field, string missing, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            errors[field] = [missing];
        }

        return Defined(value, field, errors);
    }
}
