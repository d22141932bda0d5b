using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Lyg.Hub.Features.Attachments;
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

    /// <summary>The attachment store over this Azurite's tables and the default container.</summary>
    public AttachmentStore Attachments => new(Tables, new BlobServiceClient(ConnectionString).GetBlobContainerClient(new AttachmentOptions().Container));

    /// <summary>A photo uploaded by <paramref name="subject"/> as POST v1/attachments stores it; its attachment id.</summary>
    public async Task<string> UploadPhotoAsync(string issuer, string subject, string role)
    {
        var (photo, _) = new PhotoProcessor(Microsoft.Extensions.Options.Options.Create(new AttachmentOptions())).Process(TestPhotos.Create(TestPhotos.Format.Jpeg));
        var stored = await Attachments.AddAsync(AttachmentStore.NewId(), photo!, issuer, subject, role, DateTimeOffset.UtcNow, TimeSpan.FromDays(1), CancellationToken.None);
        return stored.AttachmentId;
    }

    /// <summary>A case id no other test uses.</summary>
    public static string NewCaseId() => "TEST-" + Guid.NewGuid().ToString("N");
}

[CollectionDefinition(Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
