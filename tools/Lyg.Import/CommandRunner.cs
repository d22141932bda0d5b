using Azure;
using Lyg.Hub.Features.Places;
using Lyg.Hub.Importing;

namespace Lyg.Import;

/// <summary>
/// Picks the command named first, parses the rest for it, runs it, and turns every failure a command can meet into a
/// message and an exit code, so each command deals only with its own work.
/// </summary>
internal static class CommandRunner
{
    public const string ToolName = "Lyg.Import";

    public static async Task<int> RunAsync(IReadOnlyList<ICommand> commands, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintUsage(commands, args.Count == 0 ? error : output);
            return args.Count == 0 ? ExitCodes.UsageOrIo : ExitCodes.Success;
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await error.WriteLineAsync($"{ToolName}: unknown command '{args[0]}'.");
            PrintUsage(commands, error);
            return ExitCodes.UsageOrIo;
        }

        try
        {
            var arguments = CommandArguments.Parse([.. args.Skip(1)], command.ValueOptions, command.Flags);
            return await command.RunAsync(arguments, output, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"{ToolName} {command.Name}: {ex.Message}");
            await error.WriteLineAsync($"usage: {ToolName} {command.Name} {command.Usage}");
            return ExitCodes.UsageOrIo;
        }
        catch (Exception ex) when (ex is ImportFileException or CommandFailedException or PlacesChangedMeanwhileException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{ToolName} {command.Name}: {ex.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (RequestFailedException ex)
        {
            await error.WriteLineAsync($"{ToolName} {command.Name}: storage refused the request ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0].Trim()}");
            return ExitCodes.UsageOrIo;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"{ToolName} {command.Name}: cancelled.");
            return ExitCodes.UsageOrIo;
        }
    }

    private static void PrintUsage(IReadOnlyList<ICommand> commands, TextWriter writer)
    {
        writer.WriteLine($"usage: {ToolName} <command> [arguments]");
        foreach (var command in commands)
        {
            writer.WriteLine();
            writer.WriteLine($"  {command.Name} {command.Usage}");
            writer.WriteLine($"      {command.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 done (or valid on --dry-run), 1 problems in the data (printed), 2 usage, file or storage errors.");
    }
}

/// <summary>A command could not do its work for a reason outside the data (storage, files); the message says what to do.</summary>
internal sealed class CommandFailedException(string message, Exception innerException) : Exception(message, innerException);
