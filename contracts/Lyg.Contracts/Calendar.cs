using System.Text.Json.Serialization;

namespace Lyg.Contracts;

/// <summary>
/// PUT v1/calendar/{year}: a year's public holidays (放假) and make-up working days (调休上班) as ISO dates
/// (yyyy-MM-dd). Dates travel as strings so each bad entry reaches validation and is named by its index.
/// </summary>
public sealed record PutCalendarYearRequest(IReadOnlyList<string?>? Holidays, IReadOnlyList<string?>? MakeUpWorkingDays);

/// <summary>Where a year of the working calendar comes from.</summary>
[JsonConverter(typeof(WireEnumConverter<CalendarSourceKind>))]
public enum CalendarSourceKind
{
    /// <summary>The calendar built into the hub (<c>Time/Data/calendar.json</c>).</summary>
    [JsonStringEnumMemberName("builtIn")]
    BuiltIn,
    /// <summary>The file named by the <c>Calendar:File</c> setting.</summary>
    [JsonStringEnumMemberName("file")]
    File,
    /// <summary>Loaded by an administrator through PUT v1/calendar/{year}.</summary>
    [JsonStringEnumMemberName("loaded")]
    Loaded,
}

/// <summary>
/// The origin of a year: <see cref="Note"/> quotes the notice a built-in or file year cites; <see cref="LoadedBy"/>
/// and <see cref="LoadedAt"/> say who loaded it and when.
/// </summary>
public sealed record CalendarYearSource(CalendarSourceKind Kind, string? Note = null, string? LoadedBy = null, DateTimeOffset? LoadedAt = null);

/// <summary>GET v1/calendar/{year}: the year as it is stored or configured, and where it comes from.</summary>
public sealed record CalendarYearView(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> MakeUpWorkingDays, CalendarYearSource Source);

/// <summary>PUT v1/calendar/{year}: the year as saved, and how many running stages had their deadline re-planned.</summary>
public sealed record CalendarYearLoaded(CalendarYearView Calendar, int ReplannedStages);

/// <summary>The years with holiday data in the calendar this host has in force.</summary>
public sealed record CalendarHealth(IReadOnlyList<int> Years);
