using Azure.Data.Tables;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests;

/// <summary>
/// One private Azurite and one standalone host for the whole suite, with every stage limit shrunk to seconds
/// (short-time-limits.json) so the supervision ladder can be watched firing.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    /// <summary>Every stage's limit in short-time-limits.json.</summary>
    public static readonly TimeSpan StageLimit = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);
    public const int MaxSupervisionSlips = 2;

    /// <summary>So that an imported vehicle registry reaches the host within a test.</summary>
    public static readonly TimeSpan VehicleRegistryRefresh = TimeSpan.FromSeconds(1);

    public const string TaskHub = "e2esuite";

    /// <summary>Reminder, urging and the capped supervision slips.</summary>
    public const int SlipsPerStage = 2 + MaxSupervisionSlips;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public StandaloneHost Host { get; private set; } = null!;

    public TableClient CaseTable => new TableServiceClient(Azurite.ConnectionString).GetTableClient("Cases");

    public static Dictionary<string, string> ShortTimings() => new()
    {
        ["CaseWorkflow__TimeLimitRulesFile"] = Path.Combine(AppContext.BaseDirectory, "short-time-limits.json"),
        ["CaseWorkflow__ReminderShare"] = "0.5",
        ["CaseWorkflow__SupervisionInterval"] = SupervisionInterval.ToString("c"),
        ["CaseWorkflow__MaxSupervisionSlips"] = MaxSupervisionSlips.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vehicles__RegistryRefresh"] = VehicleRegistryRefresh.ToString("c"),
    };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Host = await StandaloneHost.StartAsync(Azurite.ConnectionString, TaskHub, ShortTimings());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>How many cases exist, counted in storage, to prove a refused request wrote nothing.</summary>
    public async Task<int> CountCasesAsync()
    {
        var count = 0;
        await foreach (var _ in CaseTable.QueryAsync<TableEntity>(e => e.RowKey == "case", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>How many workflow instances the task hub holds (the provider's Instances table), to prove none was started.</summary>
    public async Task<int> CountWorkflowsAsync()
    {
        var instances = new TableServiceClient(Azurite.ConnectionString).GetTableClient(TaskHub + "Instances");
        var count = 0;
        await foreach (var _ in instances.QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}

[CollectionDefinition(Name)]
public sealed class HubSuite : ICollectionFixture<HubFixture>
{
    public const string Name = "standalone hub";
}
