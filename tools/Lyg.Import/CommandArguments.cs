namespace Lyg.Import;

/// <summary>A command's arguments: positional values, <c>--option value</c> (or <c>--option=value</c>) pairs and flags.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private CommandArguments(List<string> positionals, Dictionary<string, string> values, HashSet<string> flags)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <exception cref="UsageException">An option the command does not know, or one without its value.</exception>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (flags.Contains(name) && equals < 0)
            {
                set.Add(name);
            }
            else if (!valueOptions.Contains(name))
            {
                throw new UsageException($"unknown option {name}.");
            }
            else if (equals >= 0)
            {
                values[name] = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value.");
            }
        }

        return new CommandArguments(positionals, values, set);
    }

    public string? Value(string option) => _values.GetValueOrDefault(option);

    public bool Has(string flag) => _flags.Contains(flag);
}

/// <summary>The command line is wrong; the message says how, and the usage is printed after it.</summary>
internal sealed class UsageException(string message) : Exception(message);
