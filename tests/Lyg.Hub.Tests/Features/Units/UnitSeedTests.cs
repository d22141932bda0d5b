using Lyg.Contracts;
using Lyg.Hub.Features.Units;
using Lyg.Orchestrations.Units;

namespace Lyg.Hub.Tests.Features.Units;

public sealed class UnitSeedTests
{
    private static readonly UnitSeed Seed = UnitSeed.Load();
    private static readonly Dictionary<string, UnitView> ByCode = Seed.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);

    [Fact]
    public void The_note_says_the_data_is_a_sample_and_the_street_list_partial()
    {
        Assert.Contains("SAMPLE", Seed.Note, StringComparison.Ordinal);
        Assert.Contains("PARTIAL", Seed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_holds_the_center_33_departments_18_enterprises_and_the_6_districts_and_counties()
    {
        Assert.Equal("连云港市城市运行管理中心", ByCode["LYG-CENTER"].Name);
        Assert.Equal(UnitKind.Department, ByCode["LYG-CENTER"].Kind);
        Assert.Equal(33, Seed.Units.Count(u => u.Kind == UnitKind.Department && u.Code != "LYG-CENTER"));
        Assert.Equal(18, Seed.Units.Count(u => u.Kind == UnitKind.Enterprise));
        Assert.Equal(3, Seed.Units.Count(u => u.Kind == UnitKind.District));
        Assert.Equal(3, Seed.Units.Count(u => u.Kind == UnitKind.County));
        Assert.Contains(Seed.Units, u => u.Kind == UnitKind.StreetOffice);
    }

    [Fact]
    public void Districts_and_counties_carry_their_GB_T_2260_codes()
    {
        var divisions = Seed.Units.Where(u => u.Kind is UnitKind.District or UnitKind.County).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["D320703"] = "连云港市连云区",
                ["D320706"] = "连云港市海州区",
                ["D320707"] = "连云港市赣榆区",
                ["C320722"] = "连云港市东海县",
                ["C320723"] = "连云港市灌云县",
                ["C320724"] = "连云港市灌南县",
            },
            divisions);
    }

    [Fact]
    public void Codes_are_well_formed_and_unique_and_names_fit_the_api_limits()
    {
        Assert.All(Seed.Units, u => Assert.True(UnitCode.IsWellFormed(u.Code), u.Code));
        Assert.Equal(Seed.Units.Count, ByCode.Count);
        Assert.All(Seed.Units, u => Assert.InRange(u.Name.Length, 1, UpsertUnit.MaxNameLength));
        Assert.All(Seed.Units, u => Assert.True(u.Active, u.Code));
    }

    [Fact]
    public void Every_parent_exists_and_comes_before_its_children()
    {
        var position = Seed.Units.Select((u, i) => (u.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

        Assert.All(Seed.Units.Where(u => u.ParentCode is not null), u =>
        {
            Assert.True(position.TryGetValue(u.ParentCode!, out var parentPosition), $"{u.Code}'s parent {u.ParentCode} is missing.");
            Assert.True(parentPosition < position[u.Code], $"{u.Code} comes before its parent.");
        });
    }

    [Fact]
    public void Every_street_office_sits_under_a_district_and_nothing_else_has_a_parent()
    {
        Assert.All(Seed.Units.Where(u => u.Kind == UnitKind.StreetOffice), u => Assert.Equal(UnitKind.District, ByCode[u.ParentCode!].Kind));
        Assert.All(Seed.Units.Where(u => u.Kind == UnitKind.StreetOffice), u => Assert.StartsWith("S" + u.ParentCode![1..] + "-", u.Code, StringComparison.Ordinal));
        Assert.All(Seed.Units.Where(u => u.Kind != UnitKind.StreetOffice), u => Assert.Null(u.ParentCode));
    }

    [Fact]
    public void Notice_contacts_are_role_mailboxes_on_the_reserved_example_domain()
    {
        Assert.All(Seed.Units, u =>
        {
            Assert.NotNull(u.NoticeContact);
            Assert.Equal($"{u.Code.ToLowerInvariant()}.dispatch@units.lyg.example", u.NoticeContact);
            Assert.InRange(u.NoticeContact.Length, 1, UpsertUnit.MaxNoticeContactLength);
        });
    }
}
