using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lyg.Hub.Tests.Support;

/// <summary>A log written through <see cref="ScopeCapturingLogger"/>, with the values of every scope open around it.</summary>
public sealed record CapturedLog(string Category, string Message, IReadOnlyDictionary<string, object?> Scopes);

/// <summary>A logger provider that keeps each log with its scopes, as a provider that includes scopes sees them.</summary>
public sealed class ScopeCapturingLogger : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];

    /// <summary>A factory whose loggers all write here and share one scope stack.</summary>
    public static (ILoggerFactory Factory, ScopeCapturingLogger Logs) CreateFactory()
    {
        var provider = new ScopeCapturingLogger();
        return (LoggerFactory.Create(logging => logging.AddProvider(provider)), provider);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ScopeCapturingLogger owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
            owner._scopes.ForEachScope(
                (scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs.Where(p => p.Key != "{OriginalFormat}"))
                        {
                            values[key] = value;
                        }
                    }
                },
                scopes);
            owner._logs.Enqueue(new CapturedLog(category, formatter(state, exception), scopes));
        }
    }
}
