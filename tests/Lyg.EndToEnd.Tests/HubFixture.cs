using Azure.Data.Tables;
using Lyg.Testing;

namespace Lyg.EndToEnd.Tests;

/// <summary>
/// One private Azurite and one standalone host for the whole suite, with the registration limit shrunk to seconds
/// so the reminder ladder can be watched firing.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    public static readonly TimeSpan RegistrationLimit = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromSeconds(1);
    public const int MaxReminders = 2;

    public AzuriteInstance Azurite { get; private set; } = null!;

    public StandaloneHost Host { get; private set; } = null!;

    public TableClient CaseTable => new TableServiceClient(Azurite.ConnectionString).GetTableClient("Cases");

    public static Dictionary<string, string> ShortTimings(TimeSpan limit) => new()
    {
        ["CaseWorkflow__RegistrationLimit"] = limit.ToString("c"),
        ["CaseWorkflow__ReminderInterval"] = ReminderInterval.ToString("c"),
        ["CaseWorkflow__MaxReminders"] = MaxReminders.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Host = await StandaloneHost.StartAsync(Azurite.ConnectionString, "e2esuite", ShortTimings(RegistrationLimit));
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
}

[CollectionDefinition(Name)]
public sealed class HubSuite : ICollectionFixture<HubFixture>
{
    public const string Name = "standalone hub";
}
