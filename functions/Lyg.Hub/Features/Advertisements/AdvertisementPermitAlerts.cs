using Lyg.Contracts;
using Lyg.Hub.Features.Alerts;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Advertisements;

/// <summary>
/// The daily permit job of the advertisement registry (a timer function in the Functions app, a background loop in
/// the standalone host): for every advertisement it tells the alert desk (<see cref="IAlertSink"/>) what holds of its
/// permit on today's China Standard Time date — <c>permit-expiring</c> at blue from
/// <see cref="AdvertisementOptions.BlueDaysBefore"/> days before its last valid day and at yellow from
/// <see cref="AdvertisementOptions.YellowDaysBefore"/>, <c>permit-expired</c> at orange once lapsed, with a case of
/// 违规户外广告 — every day while it holds, as the desk wants the condition each time it is evaluated; and once, with no
/// level, for a rule that no longer holds (an expiring permit that lapsed, a renewed one). An advertisement that never
/// warned sends nothing. Signals go in batches of about <see cref="BatchSize"/> advertisements, each followed by
/// recording the levels said, so a failed run repeats at most a batch the next day.
/// </summary>
public sealed partial class AdvertisementPermitAlerts(
    AdvertisementStore advertisements, IAlertSink alerts, IOptions<AdvertisementOptions> options, TimeProvider clock, ILogger<AdvertisementPermitAlerts> logger)
{
    /// <summary>Daily at 07:00 China Standard Time (23:00 UTC), before the working day, after the date has turned.</summary>
    public const string Schedule = "0 0 23 * * *";

    public const string ExpiringRule = "permit-expiring";
    public const string ExpiredRule = "permit-expired";
    public const int BatchSize = 100;

    /// <summary>Runs over the whole registry; returns how many signals were sent.</summary>
    /// <param name="durable">The host's client of the durable task hub, for the cases the desk makes of lapsed permits.</param>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(WorkingCalendar.ChinaStandardTime).DateTime);
        var batch = new List<(Advertisement Ad, WarningLevel? Level, IReadOnlyList<AlertSignal> Signals)>();
        var sent = 0;
        await foreach (var ad in advertisements.ListAsync(cancellationToken))
        {
            var (level, signals) = SignalsFor(ad, today, now, options.Value);
            if (signals.Count > 0)
            {
                batch.Add((ad, level, signals));
            }

            if (batch.Count >= BatchSize)
            {
                sent += await SendAsync(batch, durable, cancellationToken);
            }
        }

        sent += await SendAsync(batch, durable, cancellationToken);
        LogRan(logger, sent, today);
        return sent;
    }

    /// <summary>
    /// The permit's level today (null: nothing holds) and what to tell the desk: the rule that holds at its level, and
    /// a clearing of the rule said before when that one no longer holds (expiring became expired, or a renewal).
    /// </summary>
    public static (WarningLevel? Level, IReadOnlyList<AlertSignal> Signals) SignalsFor(Advertisement ad, DateOnly today, DateTimeOffset now, AdvertisementOptions settings)
    {
        ArgumentNullException.ThrowIfNull(ad);
        ArgumentNullException.ThrowIfNull(settings);
        var daysLeft = DaysLeft(ad, today);
        var level = LevelOn(ad, today, settings);
        var rule = level is { } holds ? RuleOf(holds) : null;
        var summary = level switch
        {
            WarningLevel.Orange => $"许可证 {ad.PermitNumber} 已于 {ad.PermitValidUntil:yyyy-MM-dd} 到期",
            not null => $"许可证 {ad.PermitNumber} 将于 {ad.PermitValidUntil:yyyy-MM-dd} 到期（剩 {daysLeft} 天）",
            null => $"许可证 {ad.PermitNumber} 有效至 {ad.PermitValidUntil:yyyy-MM-dd}",
        };
        var signals = new List<AlertSignal>(2);
        if (ad.LastAlertLevel is { } said && RuleOf(said) != rule)
        {
            signals.Add(Signal(ad, RuleOf(said), null, now, summary, settings));
        }

        if (level is not null)
        {
            signals.Add(Signal(ad, rule!, level, now, summary, settings));
        }

        return (level, signals);
    }

    /// <summary>The permit's warning level on <paramref name="today"/>: orange once lapsed, yellow and blue within their days before its last valid day, else none.</summary>
    public static WarningLevel? LevelOn(Advertisement ad, DateOnly today, AdvertisementOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return DaysLeft(ad, today) switch
        {
            < 0 => WarningLevel.Orange,
            var days when days <= settings.YellowDaysBefore => WarningLevel.Yellow,
            var days when days <= settings.BlueDaysBefore => WarningLevel.Blue,
            _ => null,
        };
    }

    /// <summary>Days from <paramref name="today"/> to the permit's last valid day; negative once it lapsed.</summary>
    public static int DaysLeft(Advertisement ad, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return ad.PermitValidUntil.DayNumber - today.DayNumber;
    }

    /// <summary>The rule a level the job sends belongs to: orange is only ever said of a lapsed permit.</summary>
    private static string RuleOf(WarningLevel level) => level == WarningLevel.Orange ? ExpiredRule : ExpiringRule;

    private static AlertSignal Signal(Advertisement ad, string rule, WarningLevel? level, DateTimeOffset now, string summary, AdvertisementOptions settings) => new(
        AlertSubject.Advertisement,
        ad.AdvertisementId,
        ad.Kind,
        rule,
        level,
        now,
        summary,
        ad.Location,
        rule == ExpiredRule ? new AlertCasePolicy(WarningLevel.Orange, settings.ExpiredCategoryCode, CodeKind.Event) : null);

    private async Task<int> SendAsync(List<(Advertisement Ad, WarningLevel? Level, IReadOnlyList<AlertSignal> Signals)> batch, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var signals = batch.SelectMany(b => b.Signals).ToList();
        await alerts.TakeAsync(signals, durable, cancellationToken);
        foreach (var (ad, level, _) in batch.Where(b => b.Ad.LastAlertLevel != b.Level))
        {
            await advertisements.SetLastAlertLevelAsync(ad, level, cancellationToken);
        }

        batch.Clear();
        return signals.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Advertisement permits on {Today}: {Sent} signals sent to the alert desk")]
    private static partial void LogRan(ILogger logger, int sent, DateOnly today);
}
