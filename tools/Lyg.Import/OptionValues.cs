using System.Globalization;
using Lyg.Contracts;

namespace Lyg.Import;

/// <summary>Option values several commands share, each refused with the form it should take.</summary>
internal static class OptionValues
{
    public const string CrsUsage = "[--crs wgs84|cgcs2000|gcj02|bd09]";

    /// <summary><c>--crs</c>: the coordinate system of the file's coordinates, WGS84 when not given.</summary>
    public static CoordinateSystem Crs(CommandArguments arguments)
    {
        var text = arguments.Value("--crs");
        if (text is null)
        {
            return CoordinateSystem.Wgs84;
        }

        foreach (var crs in Enum.GetValues<CoordinateSystem>())
        {
            if (string.Equals(crs.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return crs;
            }
        }

        throw new UsageException($"--crs must be wgs84, cgcs2000, gcj02 or bd09, not '{text}'.");
    }

    public static double? Number(CommandArguments arguments, string option, string example)
    {
        var text = arguments.Value(option);
        return text is null
            ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new UsageException($"{option} must be a number such as {example}, not '{text}'.");
    }
}
