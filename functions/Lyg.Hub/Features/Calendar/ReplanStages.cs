using System.Globalization;
using Lyg.Contracts;
using Lyg.Hub.Storage;
using Lyg.Hub.Workflow;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Time;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Features.Calendar;

/// <summary>
/// After a calendar year changed, moves the deadline of every running stage the change reaches
/// (<see cref="StageClocks.Replan"/>, ADR 0009): each case row under its ETag with a <c>replan</c> timeline entry
/// saying from when to when, then a nudge so the case's workflow re-plans its slips. Run by the host that takes the
/// PUT. Each move is recorded under <c>change</c> in the case's partition, in the same transaction, so running the same
/// change again (a PUT repeated after a failure) moves only the cases not moved yet.
/// </summary>
public sealed partial class ReplanStages(CaseStore cases, TimeProvider time, ILogger<ReplanStages> logger)
{
    public const string Action = "replan";

    /// <summary>Re-plans the stages whose deadline lies in <paramref name="year"/> or later; returns how many moved.</summary>
    public async Task<int> RunAsync(
        DurableTaskClient durable, int year, WorkingCalendar before, WorkingCalendar after, string actor, RequestKey change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, WorkingCalendar.ChinaStandardTime);
        var moved = 0;
        await foreach (var caseId in cases.ListWorkingClockCasesAsync(yearStart, cancellationToken))
        {
            var now = time.GetUtcNow();
            var transition = new CaseTransition(Action, actor, Roles.Admin, now, null, [], facts => Decide(facts, year, before, after, now));
            var result = await cases.TransitionAsync(caseId, transition, change, cancellationToken);
            if (result.Outcome != TransitionOutcome.Applied)
            {
                continue;
            }

            moved++;
            LogMoved(logger, caseId, year);
            try
            {
                await CaseWorkflowClient.NotifyStateChangedAsync(durable, caseId, result.State!.Value, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The workflow re-reads its case on its next timer, so a lost nudge only delays the new slips.
                LogNudgeFailed(logger, ex, caseId);
            }
        }

        return moved;
    }

    /// <summary>The case with its stage re-planned, or a refusal (which writes nothing) when the deadline does not move.</summary>
    public static CaseDecision Decide(CaseFacts facts, int year, WorkingCalendar before, WorkingCalendar after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.IsFinished || facts.Clock is not { } clock)
        {
            return CaseDecision.Conflict("The case has no running stage.");
        }

        var replanned = StageClocks.Replan(clock, before, after, now);
        if (ReferenceEquals(replanned, clock))
        {
            return CaseDecision.Conflict("The stage's deadline does not move.");
        }

        return CaseDecision.Allow(facts with { Clock = replanned }) with
        {
            Reason = string.Create(
                CultureInfo.InvariantCulture,
                $"The working calendar of {year} changed: the {StageClocks.WireName(clock.Stage)} deadline moved from {Local(clock.Deadline)} to {Local(replanned.Deadline)} (China time)."),
        };
    }

    private static string Local(DateTimeOffset instant) =>
        instant.ToOffset(WorkingCalendar.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar: the stage deadline of case {CaseId} moved with the calendar of {Year}")]
    private static partial void LogMoved(ILogger logger, string caseId, int year);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar: the workflow of case {CaseId} could not be nudged after its deadline moved; it re-reads the case on its next timer")]
    private static partial void LogNudgeFailed(ILogger logger, Exception exception, string caseId);
}
