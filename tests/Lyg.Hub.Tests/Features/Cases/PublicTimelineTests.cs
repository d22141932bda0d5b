using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

public sealed class PublicTimelineTests
{
    [Fact]
    public void Each_step_the_reporter_would_notice_is_told_in_plain_words_with_its_status()
    {
        var steps = PublicTimeline.StepsOf(
        [
            Entry(1, "report", null, CaseState.Reported),
            Entry(2, CaseActionNames.Register, CaseState.Reported, CaseState.Registered, "内部：核实属实"),
            Entry(3, CaseActionNames.Dispatch, CaseState.Registered, CaseState.Dispatched, "内部：请王科长处理"),
            Entry(4, CaseActionNames.Accept, CaseState.Dispatched, CaseState.Accepted),
            Entry(5, CaseActionNames.Complete, CaseState.Accepted, CaseState.Handled, " 已更换井盖 "),
            Entry(6, CaseActionNames.Check, CaseState.Handled, CaseState.Dispatched, "内部：井盖未固定"),
            Entry(7, CaseActionNames.Complete, CaseState.Dispatched, CaseState.Handled, "已固定"),
            Entry(8, CaseActionNames.Check, CaseState.Handled, CaseState.Closed),
        ]);

        Assert.Equal(
            [
                (CitizenStatus.Received, "已受理", "已受理，等待立案。"),
                (CitizenStatus.InProgress, "处理中", "已立案，等待派遣。"),
                (CitizenStatus.InProgress, "处理中", "已派遣至责任单位处理。"),
                (CitizenStatus.InProgress, "处理中", "责任单位已签收，正在处理。"),
                (CitizenStatus.InProgress, "处理中", "已处置，等待核查。已更换井盖"),
                (CitizenStatus.InProgress, "处理中", "核查未通过，责任单位重新处理。"),
                (CitizenStatus.InProgress, "处理中", "已处置，等待核查。已固定"),
                (CitizenStatus.Resolved, "已办结", "已办结。"),
            ],
            steps.Select(s => (s.Status, s.StatusText, s.Text)));
        Assert.Equal(Morning.AddMinutes(8), steps[^1].At);
    }

    [Fact]
    public void Requests_returns_refusals_remarks_slips_and_hotline_updates_are_no_steps()
    {
        var steps = PublicTimeline.StepsOf(
        [
            Entry(1, "report", null, CaseState.Reported),
            Entry(2, CaseActionNames.Register, CaseState.Reported, CaseState.Registered),
            Entry(3, CaseActionNames.Dispatch, CaseState.Registered, CaseState.Dispatched),
            Entry(4, CaseActionNames.Return, CaseState.Dispatched, CaseState.Returned, "不属本单位"),
            Entry(5, CaseActionNames.AcknowledgeSlip, CaseState.Returned, CaseState.Returned, "收到"),
            Entry(6, CaseActionNames.RequestSuspension, CaseState.Returned, CaseState.Returned, "需协调"),
            Entry(7, CaseActionNames.DecideSuspension, CaseState.Returned, CaseState.Returned, "不同意"),
            Entry(8, "hotline-update", CaseState.Returned, CaseState.Returned, "补充：电话 13800138000"),
            Entry(9, CaseActionNames.Rate, CaseState.Returned, CaseState.Returned, "满意"),
        ]);

        Assert.Equal(["已受理，等待立案。", "已立案，等待派遣。", "已派遣至责任单位处理。"], steps.Select(s => s.Text));
    }

    [Fact]
    public void A_refusal_says_why_suspension_and_resumption_and_a_reopening_are_told()
    {
        Assert.Equal("不予受理。重复上报", PublicTimeline.LatestText([Entry(1, "report", null, CaseState.Reported), Entry(2, CaseActionNames.Void, CaseState.Reported, CaseState.Voided, " 重复上报 ")]));
        Assert.Equal(CitizenStatus.NotAccepted, PublicTimeline.StepsOf([Entry(2, CaseActionNames.Void, CaseState.Reported, CaseState.Voided)])[0].Status);
        Assert.Equal("暂缓处理。", PublicTimeline.LatestText([Entry(1, CaseActionNames.DecideSuspension, CaseState.Accepted, CaseState.Suspended, "同意挂账")]));
        Assert.Equal("恢复处理。", PublicTimeline.LatestText([Entry(1, CaseActionNames.Resume, CaseState.Suspended, CaseState.Accepted)]));
        Assert.Equal("根据回访意见重新办理。", PublicTimeline.LatestText([Entry(1, ReopenCase.ActionName, CaseState.Closed, CaseState.Dispatched, "不满意")]));
        Assert.Equal("经现场核实，不予受理。现场未见井盖缺失", PublicTimeline.LatestText([Entry(2, CaseActionNames.Verify, CaseState.Reported, CaseState.Voided, "现场未见井盖缺失")]));
        Assert.Equal("已现场核实，等待立案。", PublicTimeline.LatestText([Entry(2, CaseActionNames.Verify, CaseState.Reported, CaseState.Reported)]));
        Assert.Equal("核查未通过，等待重新派遣。", PublicTimeline.LatestText([Entry(2, CaseActionNames.Check, CaseState.Handled, CaseState.Registered, "仍有占道")]));
        Assert.Equal("已现场处置，等待核查。", PublicTimeline.LatestText([Entry(1, "report", null, CaseState.Handled)]));
        Assert.Null(PublicTimeline.LatestText([Entry(2, CaseActionNames.AssignInspector, CaseState.Reported, CaseState.Reported, "请张三核实")]));
        Assert.Equal("已与同一问题的其他报告合并处理。", PublicTimeline.LatestText([Entry(2, CaseActionNames.Merge, CaseState.Reported, CaseState.Merged, "merged into LYG-1: 内部备注")]));
        Assert.Null(PublicTimeline.LatestText([]));
    }

    private static TimelineEntry Entry(int sequence, string action, CaseState? from, CaseState to, string? reason = null) =>
        new(sequence, action, from, to, "staff-7", Roles.Operator, Morning.AddMinutes(sequence), reason, null);
}
