using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;

namespace Lyg.Hub.Tests.Auth;

public sealed class CallerTests
{
    private static readonly IReadOnlySet<string> ReportRoles = new HashSet<string> { Roles.Citizen, Roles.Inspector };

    [Fact]
    public void Without_a_requested_role_the_most_accountable_allowed_role_acts()
    {
        var caller = Person(null, Roles.Citizen, Roles.Inspector);
        var lead = Person(null, Roles.ShiftLead, Roles.Operator, Roles.Citizen);

        // Alphabetically citizen came first, and an inspector reporting as a citizen skipped the inspector's checks.
        Assert.Equal(Roles.Inspector, caller.ActingRole(ReportRoles));
        Assert.Equal(Roles.ShiftLead, lead.ActingRole(new HashSet<string> { Roles.ShiftLead, Roles.Operator }));
        Assert.Equal(Roles.Operator, lead.ActingRole(new HashSet<string> { Roles.Operator, Roles.Citizen }));
    }

    [Fact]
    public void A_requested_role_acts_where_it_is_allowed_and_nowhere_else()
    {
        var caller = Person(Roles.Citizen, Roles.Citizen, Roles.Inspector);

        Assert.Equal(Roles.Citizen, caller.ActingRole(ReportRoles));
        Assert.Null(caller.ActingRole(new HashSet<string> { Roles.Inspector, Roles.Operator }));
    }

    [Fact]
    public void A_caller_without_an_allowed_role_does_not_act()
    {
        Assert.Null(Person(null, Roles.Citizen).ActingRole(new HashSet<string> { Roles.Operator }));
    }

    [Theory]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Inspector, true)]
    [InlineData(Roles.Citizen, false)]
    [InlineData(Roles.Unit, false)]
    public void Staff_are_centre_roles_only(string role, bool staff)
    {
        Assert.Equal(staff, new Caller(TestJwt.Issuer, "p", new HashSet<string> { role }, "unit-1").IsStaff);
    }

    [Fact]
    public void Staff_and_unit_staff_follow_the_role_acted_in_not_every_role_held()
    {
        var both = new Caller(TestJwt.Issuer, "p", new HashSet<string> { Roles.Inspector, Roles.Unit }, "unit-1");

        Assert.True(both.IsStaff);
        Assert.False(both.IsUnitStaff);
        Assert.False((both with { ActingAs = Roles.Unit }).IsStaff);
        Assert.True((both with { ActingAs = Roles.Unit }).IsUnitStaff);
    }

    [Fact]
    public void A_reporter_is_the_same_subject_of_the_same_issuer()
    {
        var facts = CaseFixtures.Facts(CaseState.Reported, reporter: "p");
        var sameSubjectElsewhere = new Caller("https://another-idp.example", "p", new HashSet<string> { Roles.Citizen }, null);

        Assert.True(Person(null, Roles.Citizen).Reported(facts));
        Assert.False(sameSubjectElsewhere.Reported(facts));
    }

    private static Caller Person(string? requested, params string[] roles) =>
        new(TestJwt.Issuer, "p", new HashSet<string>(roles, StringComparer.Ordinal), null, requested);
}
