using Lyg.Contracts;
using Lyg.Hub.Api;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Alerts;

/// <summary>
/// GET v1/monitoring/alerts?level=&amp;state=&amp;subject=&amp;kind=&amp;subjectId=&amp;grid=&amp;district=&amp;from=&amp;to=&amp;limit=&amp;continuationToken=:
/// the alerts raised in a time range (the last 7 days unless asked; at most <see cref="MaxSpanDays"/> days a request),
/// oldest first. The range is a range of partitions, so a list reads only the days it covers.
/// </summary>
public sealed class ListAlerts(AlertStore alerts, TimeProvider clock)
{
    public const int MaxSpanDays = 93;
    private const int GridCodeLength = 15;
    private const int DistrictCodeLength = 6;

    private static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);

    // Storage holds alerts of this century: bounds outside it select the same alerts and keep day arithmetic in range.
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = new QueryParameters(http.Request.Query);
        var level = query.Enum<WarningLevel>("level");
        var state = query.Enum<AlertState>("state");
        var subject = query.Enum<AlertSubject>("subject");
        var kind = query.Text("kind");
        var subjectId = query.Text("subjectId", 256);
        var grid = query.Text("grid", GridCodeLength);
        var district = query.Text("district", DistrictCodeLength);
        var to = query.Instant("to");
        var from = query.Instant("from");
        var limit = query.Limit();
        var continuationToken = query.ContinuationToken();
        if (query.Errors.Count > 0)
        {
            return Problems.Validation(query.Errors);
        }

        var end = Clamp(to ?? clock.GetUtcNow().AddSeconds(1));
        var start = Clamp(from ?? end - DefaultSpan);
        if (start > end)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["from"] = ["The range's start is after its end (to)."] });
        }

        if (end - start > TimeSpan.FromDays(MaxSpanDays))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["from"] = [$"A range of at most {MaxSpanDays} days; page through longer ones a range at a time."] });
        }

        var filter = new AlertFilter(start, end, level, state, subject, kind, subjectId, grid, district);
        var (rows, next) = await alerts.ListAsync(filter, limit, continuationToken, http.RequestAborted);
        return TypedResults.Json(new AlertPage([.. rows.Select(r => r.ToView())], next), LygJsonContext.Wire.AlertPage);
    }

    private static DateTimeOffset Clamp(DateTimeOffset bound) => bound < Earliest ? Earliest : bound > Latest ? Latest : bound;
}
