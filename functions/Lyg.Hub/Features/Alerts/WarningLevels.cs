using Lyg.Contracts;

namespace Lyg.Hub.Features.Alerts;

/// <summary>The national warning levels in words, and their order (level 1 the most severe).</summary>
public static class WarningLevels
{
    public static string Name(WarningLevel level) => level switch
    {
        WarningLevel.Red => "一级（红色）",
        WarningLevel.Orange => "二级（橙色）",
        WarningLevel.Yellow => "三级（黄色）",
        WarningLevel.Blue => "四级（蓝色）",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Not a warning level."),
    };

    /// <summary>True when <paramref name="level"/> is <paramref name="bar"/> or more severe.</summary>
    public static bool AtLeast(this WarningLevel level, WarningLevel bar) => (int)level <= (int)bar;
}
