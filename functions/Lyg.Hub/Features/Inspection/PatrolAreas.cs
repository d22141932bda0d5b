using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Inspection;

/// <summary>
/// Whose patrol area holds a case: an active inspector patrolling the case's unit grid, else one patrolling its
/// community; of several, the first by id, so the same case goes to the same inspector on every host.
/// </summary>
public sealed class PatrolAreas(InspectorStore inspectors)
{
    public async Task<InspectorView?> InspectorForAsync(CasePlace? place, CancellationToken cancellationToken)
    {
        if (place is null)
        {
            return null;
        }

        var active = (await inspectors.ListAsync(cancellationToken)).Where(i => i.Active).ToList();
        return active.FirstOrDefault(i => i.PatrolAreas.Contains(place.Grid, StringComparer.Ordinal))
            ?? active.FirstOrDefault(i => i.PatrolAreas.Contains(place.Community.Code, StringComparer.Ordinal));
    }
}
