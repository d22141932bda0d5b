using Lyg.Contracts;
using Lyg.Hub.Auth;

namespace Lyg.Hub.Tests.Auth;

public sealed class CallerTests
{
    [Fact]
    public void The_acting_role_is_the_first_allowed_role_in_ordinal_order()
    {
        var caller = new Caller("p", new HashSet<string> { Roles.ShiftLead, Roles.Operator, Roles.Citizen }, null);

        Assert.Equal(Roles.Operator, caller.ActingRole(new HashSet<string> { Roles.ShiftLead, Roles.Operator }));
        Assert.Equal(Roles.ShiftLead, caller.ActingRole(new HashSet<string> { Roles.ShiftLead, Roles.Dispatcher }));
    }

    [Fact]
    public void Acting_without_an_allowed_role_throws()
    {
        var caller = new Caller("p", new HashSet<string> { Roles.Citizen }, null);

        Assert.Throws<InvalidOperationException>(() => caller.ActingRole(new HashSet<string> { Roles.Operator }));
    }

    [Theory]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Inspector, true)]
    [InlineData(Roles.Citizen, false)]
    [InlineData(Roles.Unit, false)]
    public void Staff_are_centre_roles_only(string role, bool staff)
    {
        Assert.Equal(staff, new Caller("p", new HashSet<string> { role }, "unit-1").IsStaff);
    }
}
