using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Identity;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Tests.Support;
using Lyg.Orchestrations.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Lyg.Hub.Tests.Telemetry;

/// <summary>What the registration both hosts share traces and logs, caught by an in-memory exporter added to it.</summary>
public sealed class HubTelemetryTests
{
    [Fact]
    public async Task Storage_calls_are_traced_by_the_Azure_SDK_and_their_HTTP_requests_are_not_traced_twice()
    {
        var spans = new LockedList<Activity>();
        await using var services = Build(telemetry => telemetry.WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        await using var storage = new FakeStorageServer(404);
        using var http = new HttpClient();
        var table = storage.Account().CreateTableServiceClient().GetTableClient("Cases");

        string traceId;
        using (var request = HubTelemetry.Source.StartActivity("request"))
        {
            traceId = request!.TraceId.ToHexString();
            await table.GetEntityIfExistsAsync<TableEntity>("case", "row");
            using var _ = await http.GetAsync(new Uri($"http://127.0.0.1:{storage.Port}/caused"));
        }

        using (await http.GetAsync(new Uri($"http://127.0.0.1:{storage.Port}/uncaused")))
        {
        }

        var sources = spans.Snapshot().Where(s => s.TraceId.ToHexString() == traceId).Select(s => s.Source.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Azure.Core.Http", "Azure.Data.Tables.TableClient", HubTelemetry.SourceName, "System.Net.Http"], sources);
        Assert.DoesNotContain(spans.Snapshot(), s => s.Source.Name == "System.Net.Http" && s.GetTagItem("url.full") is string url && url.EndsWith("/uncaused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_durable_workers_spans_are_traced()
    {
        var spans = new LockedList<Activity>();
        await using var services = Build(telemetry => telemetry.WithTracing(tracing => tracing.AddInMemoryExporter(spans)));
        using var durable = new ActivitySource(HubTelemetry.DurableTaskSource);

        string traceId;
        using (var orchestration = durable.StartActivity("orchestration:CaseOrchestrator", ActivityKind.Server))
        {
            traceId = orchestration!.TraceId.ToHexString();
        }

        Assert.Contains(spans.Snapshot(), s => s.TraceId.ToHexString() == traceId && s.Source.Name == HubTelemetry.DurableTaskSource);
    }

    [Fact]
    public async Task A_trace_that_is_sampled_out_still_has_an_id_for_its_problems()
    {
        var spans = new LockedList<Activity>();
        await using var services = Build(telemetry => telemetry.WithTracing(tracing => tracing.AddInMemoryExporter(spans)), ("OTEL_TRACES_SAMPLER", "always_off"));

        using var request = HubTelemetry.Source.StartActivity("request");

        Assert.NotNull(request);
        Assert.False(request.Recorded);
        Assert.NotEqual(default, request.TraceId);
    }

    [Fact]
    public async Task Exported_logs_carry_the_scopes_they_were_written_in()
    {
        var records = new LockedList<LogRecord>();
        await using var services = Build(telemetry => telemetry.WithLogging(logs => logs.AddInMemoryExporter(records)));
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Lyg.Hub.Tests");

        using (CaseLogScope.Begin(logger, "LYG-20250303-000042"))
        {
            logger.LogWarning("storage was slow");
        }

        var record = Assert.Single(records.Snapshot());
        var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
        record.ForEachScope((scope, values) =>
        {
            foreach (var (key, value) in scope)
            {
                values[key] = value;
            }
        }, scopes);
        Assert.Equal("LYG-20250303-000042", scopes["CaseId"]);
        Assert.Equal("storage was slow", record.FormattedMessage);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=5b0d1c3e-0000-4000-8000-000000000001", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("ClientId=5b0d1c3e-0000-4000-8000-000000000001", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Entra_only_ingestion_gets_a_managed_identity_and_a_key_in_the_connection_string_needs_none(string? authentication, bool needsIdentity)
    {
        var credential = HubTelemetry.IngestionCredential(authentication);

        Assert.Equal(needsIdentity, credential is ManagedIdentityCredential);
    }

    private static ServiceProvider Build(Action<IOpenTelemetryBuilder> addExporter, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        addExporter(services.AddLygTelemetry(configuration, "lyg-tests", typeof(HubTelemetryTests).Assembly));
        var provider = services.BuildServiceProvider();
        // The providers start listening when first resolved, as the hosts' telemetry service does at start.
        _ = provider.GetService<TracerProvider>();
        _ = provider.GetService<LoggerProvider>();
        return provider;
    }
}
