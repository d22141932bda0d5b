using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Lyg.Hub.Storage;

/// <summary>
/// The storage account of the hub (tables, blobs, task hub), read from the Functions convention both hosts share:
/// <c>AzureWebJobsStorage</c> as a connection string (Azurite: <c>UseDevelopmentStorage=true</c>), or identity-based
/// as <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> and an optional
/// <c>__clientId</c> of a user-assigned managed identity.
/// </summary>
public sealed record StorageAccount(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, Uri? TableServiceUri, TokenCredential? Credential)
{
    public const string SettingName = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public bool IsDevelopmentStorage => string.Equals(ConnectionString?.Trim(), DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var setting = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(setting.Value))
        {
            return new StorageAccount(setting.Value, null, null, null, null);
        }

        if (Uri.TryCreate(setting["blobServiceUri"], UriKind.Absolute, out var blob)
            && Uri.TryCreate(setting["queueServiceUri"], UriKind.Absolute, out var queue)
            && Uri.TryCreate(setting["tableServiceUri"], UriKind.Absolute, out var table))
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = setting["clientId"] });
            return new StorageAccount(null, blob, queue, table, credential);
        }

        throw new InvalidOperationException(
            $"Set {SettingName} to a connection string ({DevelopmentStorage} for Azurite) or set {SettingName}__blobServiceUri, __queueServiceUri and __tableServiceUri.");
    }

    /// <param name="options">Client options, e.g. for a command-line tool; the hub's <see cref="StorageRetryBudget.Requests"/> when null.</param>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options ??= StorageRetryBudget.Requests.ApplyTo(new TableClientOptions());
        return ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri, Credential, options);
    }

    /// <param name="options">As for tables.</param>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        options ??= StorageRetryBudget.Requests.ApplyTo(new BlobClientOptions());
        return ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobServiceUri, Credential, options);
    }
}
