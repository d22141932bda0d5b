using System.Net;
using System.Net.Http.Json;
using Lyg.Contracts;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests.Cases;

/// <summary>One case read over HTTP by its reporter, its unit and the center: each sees its own view.</summary>
[Collection(HubSuite.Name)]
public sealed class AudienceViewTests(HubFixture hub)
{
    [Fact]
    public async Task The_reporter_lists_and_reads_plain_language_progress_the_unit_its_work_and_staff_everything()
    {
        var citizen = await hub.Host.ClientForAsync("citizen-views-" + Guid.NewGuid().ToString("N"), Roles.Citizen);
        var operatorClient = await hub.Host.ClientForAsync("operator-views-li", Roles.Operator);
        var dispatcher = await hub.Host.ClientForAsync("dispatcher-views-zhao", Roles.Dispatcher);
        var unit = await hub.Host.ClientForAsync("unit-views-chen", Roles.Unit, "DEPT-CGJ");
        var caseId = await citizen.SubmitCaseAsync();
        var otherCaseId = await citizen.SubmitCaseAsync(Api.ManholeReport("路灯不亮"));
        await Api.ExpectAcceptedAsync(operatorClient.RegisterAsync(caseId));
        await Api.ExpectAcceptedAsync(dispatcher.ActAsync(caseId, "dispatch", """{"unitCode":"DEPT-CGJ","instructions":"请两小时内到场"}"""));
        await Api.ExpectAcceptedAsync(unit.ActAsync(caseId, "accept", """{"note":"已安排人员"}"""));
        await Api.ExpectAcceptedAsync(operatorClient.ActAsync(otherCaseId, "void", """{"reason":"属供电公司管辖，已告知"}"""));

        using var listed = await citizen.GetAsync("api/v1/cases");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var mine = (await listed.Content.ReadFromJsonAsync(LygJsonContext.Default.ReportPage))!.Items.ToDictionary(i => i.CaseId);
        Assert.Equal([caseId, otherCaseId], mine.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((CitizenStatus.InProgress, "处理中"), (mine[caseId].Status, mine[caseId].StatusText));
        Assert.Equal((CitizenStatus.NotAccepted, "不予受理", "路灯不亮"), (mine[otherCaseId].Status, mine[otherCaseId].StatusText, mine[otherCaseId].Description));

        using var detail = await citizen.GetAsync($"api/v1/cases/{caseId}");
        var raw = await detail.Content.ReadAsStringAsync();
        var report = (await citizen.GetReportAsync(caseId))!;
        Assert.Equal(["已受理，等待立案。", "已立案，等待派遣。", "已派遣至责任单位处理。", "责任单位已签收，正在处理。"], report.Timeline.Select(s => s.Text));
        foreach (var hidden in new[] { "operator-views-li", "dispatcher-views-zhao", "unit-views-chen", "核实属实", "请两小时内到场", "已安排人员", "\"slips\"", "\"state\"" })
        {
            Assert.DoesNotContain(hidden, raw, StringComparison.Ordinal);
        }

        Assert.Equal("不予受理。属供电公司管辖，已告知", (await citizen.GetReportAsync(otherCaseId)).Timeline[^1].Text);

        var work = await unit.GetCaseAsync(caseId);
        Assert.Equal(["report", "register", "dispatch", "accept"], work.Timeline.Select(e => e.Action));
        Assert.Equal([Roles.Citizen, Roles.Operator, Roles.Dispatcher, "unit-views-chen"], work.Timeline.Select(e => e.Actor));
        Assert.Equal([null, null, "请两小时内到场", "已安排人员"], work.Timeline.Select(e => e.Reason));
        Assert.Null(work.Workflow);

        var staff = await operatorClient.GetCaseAsync(caseId);
        Assert.Equal(("operator-views-li", "核实属实"), (staff.Timeline[1].Actor, staff.Timeline[1].Reason));
        Assert.Equal("dispatcher-views-zhao", staff.Timeline[2].Actor);
        await Poll.UntilAsync(() => operatorClient.GetCaseAsync(caseId), c => c.Workflow is not null, TimeSpan.FromSeconds(30), "the workflow in the staff view");
    }
}
