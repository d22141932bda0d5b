using Lyg.Contracts;
using Lyg.Hub.Features.Routing;
using Lyg.Hub.Api;
using Lyg.Hub.Auth;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Cases;

/// <summary>How stored cases become wire views, and who may see which case: one place for the detail and the list.</summary>
public sealed class CaseViews(StageClocks clocks, IOptions<CaseWorkflowOptions> options, TimeProvider time, CaseRouting routing)
{
    /// <summary>
    /// Staff see every case, unit staff the cases dispatched to their unit, anyone the cases they reported — each as the
    /// role the request acts in, so holding a staff role beside the unit role does not widen what unit work shows.
    /// </summary>
    public static bool MayRead(Caller caller, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(facts);
        return caller.IsStaff || caller.IsSupervisingPlatform || caller.Reported(facts) || (caller.IsUnitStaff && facts.AssignedUnit == caller.Unit);
    }

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

    public CaseView Detail(StoredCase stored, WorkflowView? workflow)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var facts = stored.Facts;
        return new CaseView(
            stored.CaseId, facts.State, stored.Source, stored.Description, facts.CategoryCode, facts.Urgency,
            stored.Location, stored.Address, stored.AttachmentIds, stored.ReportedAt, stored.UpdatedAt,
            facts.AssignedUnit, facts.ReworkCount, StageOf(facts),
            new PendingRequests(facts.Postponement?.ExtraWorkingDays, facts.SuspensionRequested),
            facts.Satisfaction, workflow, stored.Timeline, stored.Slips, stored.ReportedLocation, stored.Place,
            SuggestedUnitOf(stored),
            stored.Component,
            facts.CategoryKind);
    }

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
}
