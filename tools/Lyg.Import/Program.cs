using Lyg.Import;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await CommandRunner.RunAsync(Commands.All, args, Console.Out, Console.Error, cancel.Token);
