using Lyg.Contracts;
using Lyg.Hub.Features.Cases;
using Lyg.Hub.Features.Reports;

namespace Lyg.Hub.Tests.Features.Reports;

public sealed class TmpBug
{
    private static readonly SubmitReportRequest Report = new("d", "0101", new GeoLocation(34, 119, CoordinateSystem.Wgs84), null, null);

    [Fact]
    public void A_category_code_with_a_trailing_newline_is_refused() =>
        Assert.Equal(["categoryCode"], SubmitReport.Validate(Report with { CategoryCode = "0101\n" }, Roles.Inspector).Keys);

    [Fact]
    public void An_attachment_id_with_a_trailing_newline_is_refused() =>
        Assert.Equal(["attachmentIds"], SubmitReport.Validate(Report with { AttachmentIds = ["photo-1\n"] }, Roles.Inspector).Keys);

    [Fact]
    public void A_registration_category_code_with_a_trailing_newline_is_refused() =>
        Assert.Equal(["categoryCode"], RegisterCase.Validate(new RegisterCaseRequest("01010\n", Urgency.Normal, null)).Keys);
}
