using System.Security.Cryptography;
using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Features.Hotline12345;

/// <summary>
/// The caller of a hotline case, opened for center staff only: the detail view of staff shows it, every other view
/// (units, citizens, machines) and every message sent upward leaves it out.
/// </summary>
public sealed class HotlineCallers(HotlineOrderStore orders, PersonalDataProtector protector)
{
    public async Task<HotlineCaller?> ForStaffAsync(StoredCase stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Source != CaseSource.Hotline12345 || HotlineTimeline.WorkOrderOf(stored.Links) is not { } order)
        {
            return null;
        }

        var row = await orders.FindAsync(order.ClientId, order.WorkOrderNo, cancellationToken);
        if (row?.Caller is not { } sealedCaller)
        {
            return null;
        }

        try
        {
            return protector.Open(sealedCaller, HotlineTimeline.WorkOrderRef(order.ClientId, order.WorkOrderNo));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // Sealed under a key that is no longer configured: the case is still shown, without its caller.
            return null;
        }
    }
}
