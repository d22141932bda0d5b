using Lyg.Contracts;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Intake;
using Lyg.Orchestrations.Codes;

namespace Lyg.Hub.Tests.Features.Intake;

/// <summary>Intake's validation, written as the reports of POST v1/reports, whose field names every channel's errors use.</summary>
public sealed class CaseIntakeValidationTests
{
    private static readonly GeoLocation Haizhou = new(34.596, 119.221, CoordinateSystem.Wgs84);

    private static readonly SubmitReportRequest Citizen = new("井盖缺失，海州区朝阳东路", null, Haizhou, "朝阳东路 18 号", null);

    [Fact]
    public void A_complete_citizen_report_is_valid()
    {
        Assert.Empty(Validate(Citizen, Roles.Citizen));
    }

    [Fact]
    public void A_complete_inspector_report_with_every_optional_field_is_valid()
    {
        var report = Citizen with { CategoryCode = "01010", AttachmentIds = ["photo-1", "PHOTO_2", "a"] };

        Assert.Empty(Validate(report, Roles.Inspector));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void A_description_is_required(string? description)
    {
        Assert.Equal(["description"], Fields(Citizen with { Description = description }));
    }

    [Fact]
    public void A_description_may_have_2000_characters_but_not_more()
    {
        Assert.Empty(Fields(Citizen with { Description = new string('路', CaseIntake.MaxDescriptionLength) }));
        Assert.Equal(["description"], Fields(Citizen with { Description = new string('路', CaseIntake.MaxDescriptionLength + 1) }));
    }

    [Fact]
    public void An_inspector_must_give_a_category_code()
    {
        var errors = Validate(Citizen, Roles.Inspector);

        Assert.Equal(["categoryCode"], errors.Keys);
        Assert.Equal("Inspectors report with a category code or a component id.", Assert.Single(errors["categoryCode"]));
    }

    [Theory]
    [InlineData("0101", CodeKind.Event, new string[0])]
    [InlineData("0131", CodeKind.Event, new[] { "categoryCode" })]
    [InlineData(null, CodeKind.Event, new[] { "categoryKind" })]
    public void A_category_kind_must_be_one_its_code_names(string? code, CodeKind kind, string[] fields) =>
        Assert.Equal(fields, Fields(Citizen with { CategoryCode = code, CategoryKind = kind }));

    [Fact]
    public void A_report_about_a_component_cannot_be_an_event() =>
        Assert.Equal(["categoryKind"], Fields(Citizen with { ComponentId = "3207060101000001", CategoryKind = CodeKind.Event }));

    [Fact]
    public void An_inspector_reporting_a_component_needs_neither_category_nor_location() =>
        Assert.Empty(Validate(Citizen with { CategoryCode = null, Location = null, ComponentId = "3207060101000001" }, Roles.Inspector));

    [Theory]
    [InlineData("320706010100000")]
    [InlineData("320706010100000111")]
    [InlineData("320706010100000x")]
    public void A_component_id_has_16_or_17_digits(string id) =>
        Assert.Equal(["componentId"], Fields(Citizen with { ComponentId = id }));

    [Fact]
    public void A_location_sent_with_a_component_is_still_checked() =>
        Assert.Equal(["location.crs"], Fields(Citizen with { ComponentId = "3207060101000001", Location = new GeoLocation(34.6, 119.2, null) }));

    [Fact]
    public void A_citizen_need_not_give_a_category_code()
    {
        Assert.Empty(Validate(Citizen with { CategoryCode = null }, Roles.Citizen));
    }

    [Theory]
    [InlineData("0101")]
    [InlineData("01010")]
    public void A_category_code_has_4_or_5_digits(string code)
    {
        Assert.Empty(Validate(Citizen with { CategoryCode = code }, Roles.Inspector));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("123456")]
    [InlineData("12a4")]
    [InlineData(" 1234")]
    [InlineData("١٢٣٤")]
    public void A_malformed_category_code_is_refused_for_citizens_and_inspectors(string code)
    {
        Assert.Equal(["categoryCode"], Validate(Citizen with { CategoryCode = code }, Roles.Citizen).Keys);
        Assert.Equal(["categoryCode"], Validate(Citizen with { CategoryCode = code }, Roles.Inspector).Keys);
    }

    [Theory]
    [InlineData("9999", "gb2013")]
    [InlineData("01016", "gb2026")]
    public void A_code_unknown_in_its_scheme_is_refused(string code, string scheme)
    {
        var errors = Validate(Citizen with { CategoryCode = code }, Roles.Inspector);

        Assert.Equal(["categoryCode"], errors.Keys);
        Assert.Contains($"scheme {scheme}", Assert.Single(errors["categoryCode"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_location_is_required()
    {
        Assert.Equal(["location"], Fields(Citizen with { Location = null }));
    }

    [Theory]
    [InlineData(-90.0)]
    [InlineData(0.0)]
    [InlineData(90.0)]
    public void Latitudes_from_minus_90_to_90_are_accepted(double lat)
    {
        Assert.Empty(Fields(Citizen with { Location = Haizhou with { Lat = lat } }));
    }

    [Theory]
    [InlineData(-90.0001)]
    [InlineData(90.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_latitude_out_of_range_or_not_finite_is_refused(double lat)
    {
        Assert.Equal(["location.lat"], Fields(Citizen with { Location = Haizhou with { Lat = lat } }));
    }

    [Theory]
    [InlineData(-180.0)]
    [InlineData(180.0)]
    public void Longitudes_from_minus_180_to_180_are_accepted(double lon)
    {
        Assert.Empty(Fields(Citizen with { Location = Haizhou with { Lon = lon } }));
    }

    [Theory]
    [InlineData(-180.0001)]
    [InlineData(180.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_longitude_out_of_range_or_not_finite_is_refused(double lon)
    {
        Assert.Equal(["location.lon"], Fields(Citizen with { Location = Haizhou with { Lon = lon } }));
    }

    [Fact]
    public void Missing_coordinates_are_refused_each_by_name()
    {
        Assert.Equal(["location.lat", "location.lon"], Fields(Citizen with { Location = new GeoLocation(null, null, CoordinateSystem.Gcj02) }));
    }

    [Fact]
    public void A_coordinate_system_is_required()
    {
        Assert.Equal(["location.crs"], Fields(Citizen with { Location = Haizhou with { Crs = null } }));
    }

    [Fact]
    public void An_address_may_have_200_characters_but_not_more()
    {
        Assert.Empty(Fields(Citizen with { Address = new string('号', CaseIntake.MaxAddressLength) }));
        Assert.Equal(["address"], Fields(Citizen with { Address = new string('号', CaseIntake.MaxAddressLength + 1) }));
    }

    [Fact]
    public void At_most_9_attachments_are_accepted()
    {
        var nine = Enumerable.Range(1, AttachmentIds.MaxCount).Select(i => $"p{i}").ToArray();

        Assert.Empty(Fields(Citizen with { AttachmentIds = nine }));
        Assert.Equal(["attachmentIds"], Fields(Citizen with { AttachmentIds = [.. nine, "p10"] }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../etc/passwd")]
    [InlineData("照片")]
    [InlineData("a.jpg")]
    [InlineData("photo-1\n")]
    public void An_attachment_id_outside_the_pattern_is_refused(string id)
    {
        Assert.Equal(["attachmentIds"], Fields(Citizen with { AttachmentIds = ["ok-1", id] }));
    }

    [Fact]
    public void An_attachment_id_of_64_characters_is_accepted_but_not_65()
    {
        Assert.Empty(Fields(Citizen with { AttachmentIds = [new string('a', 64)] }));
        Assert.Equal(["attachmentIds"], Fields(Citizen with { AttachmentIds = [new string('a', 65)] }));
    }

    [Fact]
    public void A_null_attachment_id_is_refused()
    {
        Assert.Equal(["attachmentIds"], Fields(Citizen with { AttachmentIds = [null!] }));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var report = new SubmitReportRequest(" ", "12", new GeoLocation(91, 181, null), new string('x', 201), ["bad id"]);

        Assert.Equal(
            ["address", "attachmentIds", "categoryCode", "description", "location.crs", "location.lat", "location.lon"],
            Validate(report, Roles.Inspector).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_undefined_coordinate_system_or_kind_is_refused_even_if_it_got_past_the_json_reader()
    {
        Assert.Equal(["location.crs"], Fields(Citizen with { Location = Haizhou with { Crs = (CoordinateSystem)7 } }));
        Assert.Equal(["categoryKind"], Fields(Citizen with { CategoryCode = "0101", CategoryKind = (CodeKind)9 }));
    }

    private static Dictionary<string, string[]> Validate(SubmitReportRequest report, string role) =>
        CaseIntake.Validate(
            new IntakeRequest(
                role == Roles.Inspector ? CaseSource.Inspector : CaseSource.Citizen,
                new IntakeReporter("issuer", "someone", role),
                report.Description,
                report.CategoryCode,
                report.Location,
                report.Address,
                report.AttachmentIds,
                report.ComponentId,
                report.CategoryKind),
            CodeCatalog.Default);

    private static IEnumerable<string> Fields(SubmitReportRequest report) =>
        Validate(report, Roles.Citizen).Keys.Order(StringComparer.Ordinal);
}
