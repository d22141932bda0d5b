using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Cases;

/// <summary>
/// A case's progress as the public is told it, the reporter in the mini-program and an Open311 client alike: the steps
/// that change what a reporter would see, in plain words, with a reason only where it is addressed to the reporter (why
/// a report was not taken, how it was handled). Requests, returns between the center and a unit, remarks, 12345
/// updates and slips are no steps, and no step says who took it.
/// </summary>
public static class PublicTimeline
{
    private static readonly HashSet<string> PublicReasons = new(StringComparer.Ordinal) { CaseActionNames.Void, CaseActionNames.Verify, CaseActionNames.Complete };

    public static IReadOnlyList<ReportStep> StepsOf(IReadOnlyList<TimelineEntry> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var steps = new List<ReportStep>();
        foreach (var entry in timeline.OrderBy(e => e.Sequence))
        {
            if (WordsFor(entry) is not { } words)
            {
                continue;
            }

            var status = CitizenStatuses.Of(entry.ToState);
            var text = PublicReasons.Contains(entry.Action) && !string.IsNullOrWhiteSpace(entry.Reason) ? $"{words}{entry.Reason.Trim()}" : words;
            steps.Add(new ReportStep(entry.At, status, CitizenStatuses.Text(status), text));
        }

        return steps;
    }

    /// <summary>The latest step's words; null before anything happened to the report.</summary>
    public static string? LatestText(IReadOnlyList<TimelineEntry> timeline) => StepsOf(timeline) is [.., var latest] ? latest.Text : null;

    private static string? WordsFor(TimelineEntry entry) => entry.Action switch
    {
        CaseStore.ReportAction => entry.ToState == CaseState.Handled ? "已现场处置，等待核查。" : "已受理，等待立案。",
        CaseActionNames.Register => "已立案，等待派遣。",
        CaseActionNames.Void => "不予受理。",
        CaseActionNames.Verify => entry.ToState == CaseState.Voided ? "经现场核实，不予受理。" : "已现场核实，等待立案。",
        CaseActionNames.Dispatch => "已派遣至责任单位处理。",
        CaseActionNames.Accept => "责任单位已签收，正在处理。",
        CaseActionNames.Complete => "已处置，等待核查。",
        CaseActionNames.Check => entry.ToState switch
        {
            CaseState.Closed => "已办结。",
            CaseState.Registered => "核查未通过，等待重新派遣。",
            _ => "核查未通过，责任单位重新处理。",
        },
        CaseActionNames.DecideSuspension when entry.ToState == CaseState.Suspended => "暂缓处理。",
        CaseActionNames.Resume => "恢复处理。",
        ReopenCase.ActionName => "根据回访意见重新办理。",
        CaseActionNames.Merge => "已与同一问题的其他报告合并处理。",
        _ => null,
    };
}
