using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lyg.Hub.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs, registered alike by both hosts. Tracing is always on, exporter or not, so
/// every request runs in an activity and its problem answers carry its trace id. What is exported where is chosen by
/// the standard settings: Azure Monitor when a connection string is set, OTLP when an endpoint is, the console only
/// when asked for. Sampling follows the standard <c>OTEL_TRACES_SAMPLER</c> settings (every trace by default).
/// </summary>
public static class HubTelemetry
{
    /// <summary>The hub's own activity source; its meter is <see cref="HubMetrics.MeterName"/>.</summary>
    public const string SourceName = "Lyg.Hub";

    /// <summary>The durable worker's and client's spans (Microsoft.DurableTask.*.Grpc 1.28: orchestrations, activities, timers, starts).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>Every Azure SDK client's spans (<c>Azure.Data.Tables.TableClient</c>, <c>Azure.Core.Http</c>, …).</summary>
    public const string AzureSdkSources = "Azure.*";

    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>How Azure Monitor ingestion is authenticated: <c>Authorization=AAD;ClientId=…</c> when local auth is off.</summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True to print every span, metric and log record on the console: a local look, never the default.</summary>
    public const string ConsoleSetting = "Telemetry:Console";

    public static readonly ActivitySource Source = new(SourceName);

    /// <param name="serviceName">The host's <c>service.name</c> (<c>lyg-functions</c>, <c>lyg-standalone</c>).</param>
    /// <param name="serviceAssembly">The host's assembly, whose informational version is the <c>service.version</c>.</param>
    public static IOpenTelemetryBuilder AddLygTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, Assembly serviceAssembly)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(serviceAssembly);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: VersionOf(serviceAssembly)))
            .WithTracing(tracing => tracing
                .AddSource(SourceName, DurableTaskSource, AzureSdkSources)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !IsGrpc(http.Request))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => HasOwnCause(Activity.Current)))
            .WithMetrics(metrics => metrics
                .AddMeter(HubMetrics.MeterName, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logs =>
            {
                logs.IncludeScopes = true;
                logs.IncludeFormattedMessage = true;
            });

        if (configuration.GetValue<bool>(ConsoleSetting))
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logs => logs.AddConsoleExporter());
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(configuration[AzureMonitorSetting]))
        {
            var credential = IngestionCredential(configuration[AzureMonitorAuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(monitor => monitor.Credential = credential);
        }

        return telemetry;
    }

    /// <summary>
    /// The managed identity that Azure Monitor ingestion needs when the resource accepts Entra ID only; null for a
    /// connection string's own key. The Functions host reads the same setting for its telemetry; the exporter does not.
    /// </summary>
    internal static TokenCredential? IngestionCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = authentication };
        if (!parts.TryGetValue("Authorization", out var scheme) || !string.Equals(scheme as string, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId is string { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static string? VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString();

    // The standalone host's durable sidecar is served over gRPC in-process; its work shows as Microsoft.DurableTask spans.
    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// An outgoing HTTP call is traced when something of ours caused it, and not under an Azure SDK span, which already
    /// records the same request. Calls with no cause are the long polls of gRPC streams.
    /// </summary>
    private static bool HasOwnCause(Activity? httpCall) =>
        httpCall?.Parent is { } cause && !string.Equals(cause.Source.Name, "Azure.Core.Http", StringComparison.Ordinal);
}
