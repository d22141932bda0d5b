using Lyg.Hub.Auth;
using Lyg.Orchestrations.Cases;

namespace Lyg.Hub.Features.Cases;

/// <summary>Who reads a case decides what they see of it: each audience has its own view (<see cref="CaseViews"/>).</summary>
public enum CaseAudience
{
    /// <summary>Center staff: everything, the 12345 caller included.</summary>
    Staff,

    /// <summary>The platform above: every case, with people shown by role and no personal data.</summary>
    SupervisingPlatform,

    /// <summary>Staff of the unit the case is assigned to: the work, the slips addressed to the unit, no center notes.</summary>
    Unit,

    /// <summary>The person who reported it: the plain-language status and public steps.</summary>
    Reporter,
}

public static class CaseAudiences
{
    /// <summary>
    /// The audience <paramref name="caller"/> reads the case as, or null when it may not see the case at all. Each
    /// caller counts as the role the request acts in, so holding a staff role beside the unit role does not widen what
    /// unit work shows; staff who reported a case (an inspector's patrol report) still read it as staff.
    /// </summary>
    public static CaseAudience? Of(Caller caller, CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(facts);
        if (caller.IsStaff)
        {
            return CaseAudience.Staff;
        }

        if (caller.IsSupervisingPlatform)
        {
            return CaseAudience.SupervisingPlatform;
        }

        if (caller.IsUnitStaff && facts.AssignedUnit == caller.Unit)
        {
            return CaseAudience.Unit;
        }

        return caller.Reported(facts) ? CaseAudience.Reporter : null;
    }
}
