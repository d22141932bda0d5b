namespace Lyg.Standalone;

internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "LygServerless standalone host listening on {Urls} as {Roles}; task hub {TaskHub}; durable sidecar on {Sidecar}")]
    public static partial void Listening(ILogger logger, string urls, HostRoles roles, string taskHub, string sidecar);
}
