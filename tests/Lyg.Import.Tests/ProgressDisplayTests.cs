using Lyg.Hub.Importing;

namespace Lyg.Import.Tests;

public sealed class ProgressDisplayTests
{
    [Fact]
    public void Redirected_output_gets_a_line_per_tenth_of_a_known_total_and_one_at_the_end()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, isTerminal: false);

        for (var done = 0; done <= 100; done += 5)
        {
            display.Report(new ImportProgress("write", done, 100));
        }

        var lines = Lines(output);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("write 10/100 10%", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("write 100/100 100%", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Interleaved_phases_each_keep_their_own_line_and_an_unknown_total_is_written_when_the_phase_completes()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, isTerminal: false);

        // Records stream through reading and validation together; neither knows its total until the end.
        for (var done = 1; done <= 3000; done += 1000)
        {
            display.Report(new ImportProgress("read a.csv", done, null));
            display.Report(new ImportProgress("validate", done, null));
        }

        Assert.Empty(Lines(output));
        display.Report(new ImportProgress("read a.csv", 3000, 3000));
        display.Report(new ImportProgress("validate", 3000, 3000));

        Assert.Equal(["read a.csv 3,000/3,000 100%", "validate 3,000/3,000 100%"], Lines(output).Select(WithoutRate));
    }

    [Fact]
    public void Finish_writes_the_last_state_of_unfinished_phases_once()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, isTerminal: false);
        display.Report(new ImportProgress("validate", 1, null));
        display.Report(new ImportProgress("validate", 1000, null));

        display.Finish();
        display.Finish();

        Assert.Equal(["validate 1,000"], Lines(output).Select(WithoutRate));
    }

    [Fact]
    public void On_a_terminal_one_line_is_redrawn_in_place_and_kept_when_its_phase_completes()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, isTerminal: true);

        display.Report(new ImportProgress("overlaps", 1, 4));
        display.Report(new ImportProgress("overlaps", 4, 4));
        display.Report(new ImportProgress("overlaps", 4, 4));

        var text = output.ToString();
        Assert.StartsWith("\roverlaps 1/4 25%", text, StringComparison.Ordinal);
        Assert.Contains("\roverlaps 4/4 100%", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(Lines(output));
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The rate depends on the clock; everything before it does not.</summary>
    private static string WithoutRate(string line) =>
        line.Contains("/s", StringComparison.Ordinal) ? line[..line.LastIndexOf(' ')] : line;
}
