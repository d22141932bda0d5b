namespace Lyg.Hub.Importing;

/// <summary>How far an import has come: the phase it is in and how many of its items that phase has done.</summary>
/// <param name="Phase">What is happening: <c>read</c>, <c>validate</c>, <c>write</c>, <c>activate</c>.</param>
/// <param name="Done">Items of this phase finished.</param>
/// <param name="Total">Items of this phase in all, or null when not known yet (a stream still being read).</param>
public sealed record ImportProgress(string Phase, long Done, long? Total);
