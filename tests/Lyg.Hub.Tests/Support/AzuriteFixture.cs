using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Lyg.Testing;

namespace Lyg.Hub.Tests.Support;

/// <summary>One private Azurite for every storage test, with the hub's tables created.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public TableServiceClient Tables { get; private set; } = null!;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        Tables = new TableServiceClient(_azurite.ConnectionString);
        await new StorageInitializer(Tables, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageInitializer>.Instance).CreateTablesAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A case id no other test uses.</summary>
    public static string NewCaseId() => "TEST-" + Guid.NewGuid().ToString("N");
}

[CollectionDefinition(Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
