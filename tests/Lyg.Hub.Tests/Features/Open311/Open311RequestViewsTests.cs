using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Open311;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Storage;
using Lyg.Orchestrations.Cases;
using Lyg.Orchestrations.Codes;
using Lyg.Orchestrations.Time;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Open311;

/// <summary>A stored case as Open311 shows it: status, notes, service, dates in China time, the point, the media.</summary>
public sealed class Open311RequestViewsTests
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 12, 1, 1, 30, 0, TimeSpan.Zero);

    private readonly Open311RequestViews _views = new(
        new Open311Services(CodeCatalog.Default, Options.Create(new Open311Options())), new UnitStore(new TableServiceClient("UseDevelopmentStorage=true")));

    [Theory]
    [InlineData(CaseState.Reported, "open")]
    [InlineData(CaseState.Dispatched, "open")]
    [InlineData(CaseState.Handled, "open")]
    [InlineData(CaseState.Suspended, "open")]
    [InlineData(CaseState.Closed, "closed")]
    [InlineData(CaseState.Voided, "closed")]
    [InlineData(CaseState.Merged, "closed")]
    public void Closed_and_voided_cases_are_closed_every_other_state_open(CaseState state, string status)
    {
        Assert.Equal(status, _views.View(Case(state), null, "http://hub").Status);
    }

    [Fact]
    public void A_case_shows_its_service_its_dates_in_china_time_its_deadline_while_open_and_its_point()
    {
        var view = _views.View(Case(CaseState.Dispatched), "城管局", "https://hub.example");

        Assert.Equal(("component-0101", "供水井盖"), (view.ServiceCode, view.ServiceName));
        Assert.Equal("2026-12-01T09:30:00+08:00", view.RequestedDatetime);
        Assert.Equal("2026-12-01T10:00:00+08:00", view.UpdatedDatetime);
        Assert.Equal("2026-12-02T17:30:00+08:00", view.ExpectedDatetime);
        Assert.Equal(("城管局", "朝阳东路 18 号", 34.5967, 119.2215), (view.AgencyResponsible, view.Address, view.Lat, view.Longitude));
        Assert.Null(_views.View(Case(CaseState.Closed), null, "https://hub.example").ExpectedDatetime);
    }

    [Fact]
    public void The_media_is_the_first_photo_as_an_absolute_url_else_the_link_the_client_sent()
    {
        var withPhotos = Case(CaseState.Reported) with { AttachmentIds = ["att 1", "att-2"], Links = [new CaseLink("media", "https://img.example/1.jpg")] };
        var withLink = Case(CaseState.Reported) with { Links = [new CaseLink("media", "https://img.example/1.jpg")] };

        Assert.Equal("https://hub.example:8443/api/v1/attachments/att%201", _views.View(withPhotos, null, "https://hub.example:8443").MediaUrl);
        Assert.Equal("https://img.example/1.jpg", _views.View(withLink, null, "https://hub.example").MediaUrl);
        Assert.Null(_views.View(Case(CaseState.Reported), null, "https://hub.example").MediaUrl);
    }

    private static StoredCase Case(CaseState state) => new(
        "LYG-20261201-000001",
        new CaseFacts(
            state, "dev-open311", "0101", Urgency.Normal, "DEPT-CGJ", 0, null, false, null,
            new StageClock(CaseStage.Handle, 3, ReportedAt, new TimeLimit(ClockKind.WorkingDays, 1), new DateTimeOffset(2026, 12, 2, 17, 30, 0, TimeSpan.FromHours(8)), null),
            null, CodeKind.Component, "lyg-machine"),
        CaseSource.Open311,
        "井盖缺失",
        new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84),
        "朝阳东路 18 号",
        [],
        ReportedAt,
        ReportedAt.AddMinutes(30),
        [],
        [],
        null,
        null);
}
