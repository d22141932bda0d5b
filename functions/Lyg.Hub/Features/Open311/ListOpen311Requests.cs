using System.Globalization;
using System.Text.RegularExpressions;
using Lyg.Contracts;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Codes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// GET open311/v2/requests.{xml|json}: the spec's filters. <c>service_request_id</c> (comma list) overrides the rest;
/// otherwise <c>service_code</c> and <c>status</c> (comma lists) and the range of requested_datetime from
/// <c>start_date</c> to <c>end_date</c> (W3C date-times with a zone), at most 90 days, by default the last 90 days;
/// at most <see cref="Open311Options.MaxRequests"/> requests, oldest first.
/// </summary>
public sealed partial class ListOpen311Requests(CaseStore cases, Open311Services services, Open311RequestViews views, IOptions<Open311Options> options, TimeProvider clock)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    private const int PageSize = TablePages.MaxPageSize;
    private const int ParallelReads = 8;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var settings = options.Value;
        var query = http.Request.Query;
        if (Open311Checks.Refusal(http, settings, query[Open311Checks.JurisdictionParameter], out var format) is { } refusal)
        {
            return refusal;
        }

        var caller = http.GetCaller();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        IReadOnlyList<string> caseIds;
        if (List(query, "service_request_id") is { } ids)
        {
            if (ids.Count > settings.MaxRequests)
            {
                return Open311Replies.BadRequest($"service_request_id: at most {settings.MaxRequests} ids.", format);
            }

            caseIds = ids;
        }
        else
        {
            var filter = ReadFilter(query, settings, errors);
            if (errors.Count > 0)
            {
                return Open311Replies.Invalid(errors, format);
            }

            caseIds = await MatchingAsync(filter!, caller, settings, http.RequestAborted);
        }

        var found = new StoredCase?[caseIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, caseIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = http.RequestAborted },
            async (i, token) => found[i] = await cases.FindAsync(caseIds[i], token));
        var visible = found.OfType<StoredCase>().Where(c => Open311Checks.MayRead(caller, c.Facts, settings)).ToList();
        var requests = await views.ViewAsync(visible, http.Request, http.RequestAborted);
        return Open311Replies.Reply(requests, format, Open311JsonContext.Wire.IReadOnlyListOpen311Request, Open311Xml.Requests);
    }

    /// <summary>The list filters, or null with <paramref name="errors"/> naming each bad parameter.</summary>
    private RequestFilter? ReadFilter(IQueryCollection query, Open311Options settings, Dictionary<string, string[]> errors)
    {
        var categories = new List<CodeEntry>();
        foreach (var code in List(query, "service_code") ?? [])
        {
            if (services.TryFind(code, out var entry))
            {
                categories.Add(entry);
            }
            else
            {
                errors["service_code"] = [$"{code} is not a service of this endpoint; GET services lists them."];
            }
        }

        var statuses = List(query, "status") ?? [];
        if (statuses.Any(s => s is not ("open" or "closed")))
        {
            errors["status"] = ["open, closed, or both, comma separated."];
        }

        var start = Date(query, "start_date", errors);
        var end = Date(query, "end_date", errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var (from, to) = (start, end) switch
        {
            ({ } s, { } e) => (s, e),
            ({ } s, null) => (s, s <= DateTimeOffset.MaxValue - MaxRange ? s + MaxRange : DateTimeOffset.MaxValue),
            (null, { } e) => (e >= DateTimeOffset.MinValue + MaxRange ? e - MaxRange : DateTimeOffset.MinValue, e),
            _ => (now - MaxRange, now),
        };
        if (to < from)
        {
            errors["end_date"] = ["Not before start_date."];
        }
        else if (to - from > MaxRange)
        {
            errors["end_date"] = [$"At most {MaxRange.TotalDays:0} days after start_date."];
        }

        return errors.Count > 0 ? null : new RequestFilter(categories, statuses.Count is 0 or 2 ? null : statuses[0] == "closed", from, to, settings.MaxRequests);
    }

    /// <summary>The ids of the matching cases the caller may read, page by page until the cap or the end.</summary>
    private async Task<IReadOnlyList<string>> MatchingAsync(RequestFilter filter, Caller caller, Open311Options settings, CancellationToken cancellationToken)
    {
        // One category goes to the table's filter; several are tested here, as are status and kind.
        var storeFilter = new CaseFilter(
            null, null, filter.Categories.Count == 1 ? filter.Categories[0].Code : null, null,
            settings.ListEveryCase ? null : new ReporterId(caller.Issuer, caller.Subject),
            filter.From, filter.To == DateTimeOffset.MaxValue ? filter.To : filter.To.AddTicks(1), null, null, null);
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var (page, next) = await cases.ListAsync(storeFilter, PageSize, continuation, cancellationToken);
            ids.AddRange(page.Where(filter.Matches).Select(c => c.CaseId).Take(filter.Max - ids.Count));
            continuation = next;
        }
        while (continuation is not null && ids.Count < filter.Max);
        return ids;
    }

    /// <summary>A comma list, its entries trimmed; null when the parameter is absent or empty (as the spec's optional arguments).</summary>
    private static List<string>? List(IQueryCollection query, string name)
    {
        var values = query[name];
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        var entries = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        return entries.Count == 0 ? null : entries;
    }

    /// <summary>A W3C date-time with its zone (Z or ±hh:mm), as the spec requires; a date-time without one is refused, not guessed.</summary>
    private static DateTimeOffset? Date(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var values = query[name];
        if (StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        if (values.Count == 1 && W3cDateTime().IsMatch(values.ToString())
            && DateTimeOffset.TryParse(values.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        errors[name] = ["A W3C date-time with its zone, e.g. 2026-11-01T00:00:00+08:00 or 2026-10-31T16:00:00Z."];
        return null;
    }

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z")]
    private static partial Regex W3cDateTime();

    private sealed record RequestFilter(IReadOnlyList<CodeEntry> Categories, bool? Closed, DateTimeOffset From, DateTimeOffset To, int Max)
    {
        public bool Matches(StoredCaseSummary summary) =>
            (Closed is null || summary.Facts.IsFinished == Closed)
            && (Categories.Count == 0 || Categories.Any(c => c.Code == summary.Facts.CategoryCode && (summary.Facts.CategoryKind is null || summary.Facts.CategoryKind == c.Kind)));
    }
}
