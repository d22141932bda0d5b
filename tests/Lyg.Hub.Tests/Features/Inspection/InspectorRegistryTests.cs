using Lyg.Contracts;
using Lyg.Hub.Features.Inspection;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Tests.Features.Units;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Codes;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Inspection;

/// <summary>The inspector registry on Azurite, its checks of patrol areas, the sample set, and the 自行处置 rules of intake.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class InspectorRegistryTests(AzuriteFixture azurite)
{
    private readonly InspectorStore _inspectors = new(azurite.Tables);

    [Fact]
    public async Task An_administrator_creates_then_replaces_an_inspector_and_staff_or_the_inspector_read_it()
    {
        var id = "insp-" + Guid.NewGuid().ToString("N")[..8];
        var grid = City.Grids[42];
        var upsert = new UpsertInspector(_inspectors, Places);
        var get = new GetInspector(_inspectors);

        var created = await ResultRunner.ExecuteAsync(await upsert.HandleAsync(UnitFixtures.Request(UnitFixtures.Admin, $$"""{"name":"王监督","patrolAreas":["{{grid.Code}}"]}"""), id));
        var replaced = await ResultRunner.ExecuteAsync(await upsert.HandleAsync(
            UnitFixtures.Request(UnitFixtures.Admin, $$"""{"name":"王监督","patrolAreas":["{{grid.Community.Code}}"],"active":false}"""), id));
        var self = await ResultRunner.ExecuteAsync(await get.HandleAsync(UnitFixtures.Request(Person(id, Roles.Inspector)), id));
        var otherInspector = await ResultRunner.ExecuteAsync(await get.HandleAsync(UnitFixtures.Request(Inspector), id));
        var byStaff = await ResultRunner.ExecuteAsync(await get.HandleAsync(UnitFixtures.Request(Operator), id));

        Assert.Equal((201, true), (created.Status, created.Body.GetProperty("active").GetBoolean()));
        Assert.Equal((200, false), (replaced.Status, replaced.Body.GetProperty("active").GetBoolean()));
        Assert.Equal(grid.Community.Code, self.Body.GetProperty("patrolAreas")[0].GetString());
        Assert.Equal(404, otherInspector.Status);
        Assert.Equal(200, byStaff.Status);
    }

    [Fact]
    public async Task Patrol_areas_must_be_grids_or_communities_of_the_place_map_each_error_naming_its_entry()
    {
        var grid = City.Grids[7];
        var upsert = new UpsertInspector(_inspectors, Places);
        var body = $$"""{"name":"","patrolAreas":["{{grid.Code}}","320706","999999999999999","{{grid.Code}}",null]}""";

        var answer = await ResultRunner.ExecuteAsync(await upsert.HandleAsync(UnitFixtures.Request(UnitFixtures.Admin, body), "bad id"));
        var empty = await ResultRunner.ExecuteAsync(await upsert.HandleAsync(UnitFixtures.Request(UnitFixtures.Admin, """{"name":"甲","patrolAreas":[]}"""), "ok-id"));

        Assert.Equal(400, answer.Status);
        Assert.Equal(["inspectorId", "name", "patrolAreas[1]", "patrolAreas[2]", "patrolAreas[3]", "patrolAreas[4]"], answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal(400, empty.Status);
        Assert.Equal(["patrolAreas"], empty.ErrorFields);
        Assert.Null(await _inspectors.FindAsync("ok-id", CancellationToken.None));
    }

    [Fact]
    public void The_sample_inspectors_patrol_communities_of_the_sample_city()
    {
        var sample = InspectorSeeder.Sample();

        Assert.NotEmpty(sample);
        Assert.All(sample, inspector =>
        {
            Assert.True(InspectorStore.IsWellFormedId(inspector.InspectorId));
            Assert.Empty(UpsertInspector.Validate(inspector.InspectorId, new UpsertInspectorRequest(inspector.Name, [.. inspector.PatrolAreas], true), Places.Map));
        });
        var seat = City.Districts.Single(d => d.Place.Code == "320706").Seat;
        var community = Places.Locate(seat.Lat, seat.Lon)!.Community.Code;
        Assert.Contains(sample, i => i.PatrolAreas.Contains(community));
    }

    [Fact]
    public void Only_inspectors_report_self_handled_problems_and_only_with_a_photo()
    {
        var location = new GeoLocation(34.5967, 119.2215, CoordinateSystem.Wgs84);
        IntakeRequest Report(CaseSource source, string role, params string[] photos) =>
            new(source, new IntakeReporter(TestJwt.Issuer, "someone", role), "路面垃圾已清理", "0201", location, AttachmentIds: photos, SelfHandled: true);

        Assert.Equal(["selfHandled"], CaseIntake.Validate(Report(CaseSource.Citizen, Roles.Citizen, "a1"), CodeCatalog.Default).Keys);
        Assert.Equal(["attachmentIds"], CaseIntake.Validate(Report(CaseSource.Inspector, Roles.Inspector), CodeCatalog.Default).Keys);
        Assert.Empty(CaseIntake.Validate(Report(CaseSource.Inspector, Roles.Inspector, "a1"), CodeCatalog.Default));
    }
}
