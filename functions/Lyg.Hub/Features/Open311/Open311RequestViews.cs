using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Features.Open311;

/// <summary>
/// A stored case as an Open311 service request. Only what the public may know: no reporter, no staff names, no
/// internal remarks. Status is open until the case is closed, voided or merged into another; the status notes are the latest step of the
/// case's <see cref="PublicTimeline"/>, as the reporter in the mini-program reads it.
/// </summary>
public sealed class Open311RequestViews(Open311Services services, UnitStore units)
{
    public const string MediaRel = "media";

    /// <summary>The requests, with each assigned unit's name looked up once.</summary>
    public async Task<IReadOnlyList<Open311Request>> ViewAsync(IReadOnlyList<StoredCase> cases, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(http);
        var unitNames = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var code in cases.Select(c => c.Facts.AssignedUnit).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            unitNames[code] = (await units.FindAsync(code, cancellationToken))?.Name;
        }

        var origin = $"{http.Scheme}://{http.Host}";
        return [.. cases.Select(c => View(c, c.Facts.AssignedUnit is { } unit ? unitNames[unit] ?? unit : null, origin))];
    }

    /// <summary>One request; <paramref name="agency"/> is the assigned unit's name, <paramref name="origin"/> the hub's scheme and host.</summary>
    public Open311Request View(StoredCase stored, string? agency, string origin)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var facts = stored.Facts;
        var service = services.OfCase(facts.CategoryCode, facts.CategoryKind);
        return new Open311Request(
            stored.CaseId,
            facts.IsFinished ? "closed" : "open",
            PublicTimeline.LatestText(stored.Timeline),
            service?.ServiceName,
            service?.ServiceCode,
            stored.Description,
            agency,
            null,
            Open311Replies.DateTime(stored.ReportedAt),
            Open311Replies.DateTime(stored.UpdatedAt),
            facts.IsFinished || facts.Clock is not { } clock ? null : Open311Replies.DateTime(clock.Deadline),
            stored.Address,
            null,
            null,
            stored.Location.Lat ?? 0,
            stored.Location.Lon ?? 0,
            MediaUrl(stored, origin));
    }

    /// <summary>The first photo, served by the hub's attachment route; else the media the client sent with its request.</summary>
    private static string? MediaUrl(StoredCase stored, string origin) =>
        stored.AttachmentIds.Count > 0
            ? $"{origin}/api/v1/attachments/{Uri.EscapeDataString(stored.AttachmentIds[0])}"
            : stored.Links?.FirstOrDefault(l => l.Rel == MediaRel)?.Ref;
}
