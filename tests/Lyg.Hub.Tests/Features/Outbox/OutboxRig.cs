using Azure.Data.Tables;
using Lyg.Hub.Features.Outbox;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Outbox;

/// <summary>
/// The outbox as a host registers it (<c>AddOutbox</c> over configuration), on the private Azurite, with one destination
/// of its own (a fresh name, so tests sharing the tables never meet) pointing at a real <see cref="DestinationServer"/>.
/// <see cref="NewHost"/> makes a second host over the same storage, with its own dispatcher.
/// </summary>
internal sealed class OutboxRig : IAsyncDisposable
{
    public static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public const string ClientId = "lyg-hub-test";

    private readonly TableServiceClient _tables;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider _time;
    private readonly List<ServiceProvider> _hosts = [];

    private OutboxRig(TableServiceClient tables, DestinationServer destination, TimeProvider time, IReadOnlyDictionary<string, string>? settings, string events)
    {
        _tables = tables;
        _time = time;
        Destination = destination;
        var key = $"{OutboxOptions.Section}:Destinations:{Name}";
        _settings = new Dictionary<string, string?>
        {
            [$"{key}:Url"] = destination.Url.ToString(),
            [$"{key}:ClientId"] = ClientId,
            [$"{key}:Secret"] = Convert.ToBase64String(Secret),
            [$"{key}:Timeout"] = "00:00:05",
            [$"{key}:Events:0"] = events,
            [$"{OutboxOptions.Section}:RetryBaseDelay"] = "00:00:01",
            [$"{OutboxOptions.Section}:MaxRetryDelay"] = "00:00:10",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[name.StartsWith(':') ? key + name : $"{OutboxOptions.Section}:{name}"] = value;
        }

        var host = NewHost();
        Store = host.GetRequiredService<OutboxStore>();
        Dispatcher = host.GetRequiredService<OutboxDispatcher>();
        Outbox = host.GetRequiredService<CaseOutbox>();
        Cases = new CaseStore(tables, Outbox);
        Options = host.GetRequiredService<IOptions<OutboxOptions>>().Value;
        DestinationOptions = host.GetRequiredService<OutboxDestinations>().Find(Name)!;
    }

    /// <summary>The destination's name in this rig.</summary>
    public string Name { get; } = "d-" + Guid.NewGuid().ToString("N")[..12];

    public DestinationServer Destination { get; }

    public OutboxDestination DestinationOptions { get; }

    public OutboxOptions Options { get; }

    public OutboxStore Store { get; }

    public OutboxDispatcher Dispatcher { get; }

    public CaseOutbox Outbox { get; }

    /// <summary>Cases whose changes go through this rig's outbox.</summary>
    public CaseStore Cases { get; }

    /// <param name="settings">
    /// Overrides: <c>:Timeout</c> (a leading colon) for the destination's own settings, else <c>Outbox:</c> settings such as <c>MaxAttempts</c>.
    /// </param>
    public static async Task<OutboxRig> StartAsync(
        AzuriteFixture azurite, TimeProvider time, IReadOnlyDictionary<string, string>? settings = null, string events = OutboxDestination.AllEvents)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new OutboxRig(azurite.Tables, await DestinationServer.StartAsync(), time, settings, events);
    }

    /// <summary>Another host over the same storage and settings: its own dispatcher, lease owner and circuit breakers.</summary>
    public ServiceProvider NewHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var host = new ServiceCollection()
            .AddLogging()
            .AddSingleton(_time)
            .AddSingleton(_tables)
            .AddOutbox(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _hosts.Add(host);
        return host;
    }

    /// <summary>The destination's pointers, in case and sequence order.</summary>
    public async Task<IReadOnlyList<TableEntity>> PointersAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _tables.GetTableClient(TableNames.Outbox).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Name}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The outbound message rows of a case, in sequence order.</summary>
    public async Task<IReadOnlyList<TableEntity>> MessageRowsAsync(string caseId)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and RowKey ge {OutboxMessageId.MessageRowPrefix} and RowKey lt {"outbox."}");
        await foreach (var row in _tables.GetTableClient(TableNames.Cases).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Destination.DisposeAsync();
    }
}
