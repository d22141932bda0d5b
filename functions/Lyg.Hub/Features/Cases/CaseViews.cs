using Lyg.Contracts;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// How stored cases become wire views, one per <see cref="CaseAudience"/>: one place for the detail and the list, so
/// that what each audience may not see is left out in one place.
/// </summary>
public sealed class CaseViews(StageClocks clocks, IOptions<CaseWorkflowOptions> options, TimeProvider time, CaseRouting routing)
{
    /// <summary>Notes the center writes for itself: why it registered, verified or voided a case, whom it sent to look.</summary>
    private static readonly HashSet<string> CenterNotes = new(StringComparer.Ordinal)
    {
        CaseActionNames.Register, CaseActionNames.Void, CaseActionNames.Verify, CaseActionNames.AssignInspector,
    };

    public StageView? StageOf(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Clock is not { } clock)
        {
            return null;
        }

        var light = SupervisionPlan.LightOf(clock, options.Value.Ladder(), clocks.Calendar, time.GetUtcNow());
        return new StageView(
            StageClocks.WireName(clock.Stage), clock.Sequence, clock.StartedAt,
            JsonNaming.Camel(clock.Limit.Clock.ToString()), clock.Limit.Amount, clock.Deadline, clock.IsPaused, light);
    }

    /// <summary>
    /// The detail for staff, the assigned unit or the platform above. Staff see all of it; the others see people other
    /// than the reader by role, no routing suggestion and no workflow, and a unit neither the center's notes nor the
    /// slips addressed to anyone else.
    /// </summary>
    public CaseView Detail(StoredCase stored, CaseAudience audience, Caller reader, WorkflowView? workflow)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(reader);
        var facts = stored.Facts;
        var staffView = new CaseView(
            stored.CaseId, facts.State, stored.Source, stored.Description, facts.CategoryCode, facts.Urgency,
            stored.Location, stored.Address, stored.AttachmentIds, stored.ReportedAt, stored.UpdatedAt,
            facts.AssignedUnit, facts.ReworkCount, StageOf(facts),
            new PendingRequests(facts.Postponement?.ExtraWorkingDays, facts.SuspensionRequested),
            facts.Satisfaction, workflow, stored.Timeline, stored.Slips, stored.ReportedLocation, stored.Place,
            SuggestedUnitOf(stored),
            stored.Component,
            facts.CategoryKind);
        return audience switch
        {
            CaseAudience.Staff => staffView,
            CaseAudience.SupervisingPlatform => staffView with
            {
                Workflow = null, SuggestedUnit = null, Timeline = [.. stored.Timeline.Select(e => ByRole(e, reader))],
            },
            CaseAudience.Unit => staffView with
            {
                Workflow = null,
                SuggestedUnit = null,
                Timeline = [.. stored.Timeline.Select(e => ByRole(e, reader) with { Reason = CenterNotes.Contains(e.Action) ? null : e.Reason })],
                Slips = [.. stored.Slips.Where(s => s.AddressedTo == reader.Unit)],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "A reporter reads the report view."),
        };
    }

    /// <summary>
    /// The case as its reporter follows it: the plain-language status and the public steps. A report merged into a main
    /// case (并单) follows the main case: its status, and its steps after the merge.
    /// </summary>
    public static ReportView Report(StoredCase stored, StoredCase? main)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var steps = PublicTimeline.StepsOf(stored.Timeline);
        if (main is not null && steps is [.., var merged])
        {
            steps = [.. steps, .. PublicTimeline.StepsOf(main.Timeline).Where(s => s.At > merged.At)];
        }

        var status = StatusOf(stored.Facts, main?.Facts);
        return new ReportView(
            stored.CaseId, status, CitizenStatuses.Text(status), stored.Description, stored.Facts.CategoryCode,
            stored.ReportedLocation ?? stored.Location, stored.Address, stored.AttachmentIds, stored.ReportedAt, stored.UpdatedAt,
            steps, stored.Facts.Satisfaction, stored.Facts.MergedInto);
    }

    /// <summary>A person's id is shown to that person only; everyone else reads the role that acted.</summary>
    private static TimelineEntry ByRole(TimelineEntry entry, Caller reader) =>
        entry.Actor == reader.Subject ? entry : entry with { Actor = entry.Role };

    /// <summary>Shown only while the case waits for dispatch; the unit's activity is checked when it is dispatched.</summary>
    private string? SuggestedUnitOf(StoredCase stored) =>
        stored.Facts.State is CaseState.Registered or CaseState.Returned
            ? routing.Suggest(stored.Facts.CategoryCode, stored.Facts.CategoryKind, stored.Place, stored.Component)?.Unit
            : null;

    public CaseSummary Summary(StoredCaseSummary stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var facts = stored.Facts;
        var stage = StageOf(facts);
        return new CaseSummary(
            stored.CaseId, facts.State, stored.Source, facts.CategoryCode, facts.Urgency, facts.AssignedUnit,
            stored.ReportedAt, stored.UpdatedAt, stage?.Name, stage?.Deadline, stage?.Light, stored.Grid);
    }

    /// <summary>A report in its reporter's list; <paramref name="main"/> is the main case's facts when it was merged.</summary>
    public static ReportSummary ReportSummary(StoredCaseSummary stored, CaseFacts? main)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var status = StatusOf(stored.Facts, main);
        return new ReportSummary(stored.CaseId, status, CitizenStatuses.Text(status), stored.Description, stored.Address, stored.ReportedAt, stored.UpdatedAt);
    }

    private static CitizenStatus StatusOf(CaseFacts facts, CaseFacts? main) => CitizenStatuses.Of(main?.State ?? facts.State);
}
