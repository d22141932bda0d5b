using Lyg.Import;

// The command table: a new command is one file and one line here.
ICommand[] commands =
[
    new PlacesCommand(),
    new ComponentsCommand(),
    new SamplePlacesCommand(),
    new SampleComponentsCommand(),
];

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await CommandRunner.RunAsync(commands, args, Console.Out, Console.Error, cancel.Token);
