namespace Lyg.Orchestrations.Time;

/// <summary>
/// The working calendar in force on this host. Every deadline computation reads it at the moment of use, so a year an
/// administrator loads applies at once to new stages; the host's refresher swaps in a new calendar whole.
/// </summary>
public sealed class CalendarInForce(WorkingCalendar initial)
{
    private WorkingCalendar _calendar = initial ?? throw new ArgumentNullException(nameof(initial));

    public WorkingCalendar Calendar => Volatile.Read(ref _calendar);

    /// <summary>Puts <paramref name="calendar"/> in force and returns the one it replaced.</summary>
    public WorkingCalendar Replace(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Interlocked.Exchange(ref _calendar, calendar);
    }
}
