using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Lyg.Hub.Telemetry;
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

    /// <summary>Per-try timeout of the hub's own clients (<c>Storage:TryTimeout</c>); the retries and back-off stay as set.</summary>
    public const string TryTimeoutSetting = "Storage:TryTimeout";

    /// <summary>The budget of every storage call the hub makes while a client waits.</summary>
    public StorageRetryBudget RequestBudget { get; init; } = StorageRetryBudget.Requests;

    public bool IsDevelopmentStorage => string.Equals(ConnectionString?.Trim(), DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var budget = RequestBudgetFrom(configuration);
        var setting = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(setting.Value))
        {
            return new StorageAccount(setting.Value, null, null, null, null) { RequestBudget = budget };
        }

        if (Uri.TryCreate(setting["blobServiceUri"], UriKind.Absolute, out var blob)
            && Uri.TryCreate(setting["queueServiceUri"], UriKind.Absolute, out var queue)
            && Uri.TryCreate(setting["tableServiceUri"], UriKind.Absolute, out var table))
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = setting["clientId"] });
            return new StorageAccount(null, blob, queue, table, credential) { RequestBudget = budget };
        }

        throw new InvalidOperationException(
            $"Set {SettingName} to a connection string ({DevelopmentStorage} for Azurite) or set {SettingName}__blobServiceUri, __queueServiceUri and __tableServiceUri.");
    }

    private static StorageRetryBudget RequestBudgetFrom(IConfiguration configuration)
    {
        if (configuration[TryTimeoutSetting] is not { Length: > 0 } text)
        {
            return StorageRetryBudget.Requests;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero && timeout <= TimeSpan.FromMinutes(2)
            ? StorageRetryBudget.Requests with { TryTimeout = timeout }
            : throw new InvalidOperationException($"{TryTimeoutSetting} is a time span above zero and at most 00:02:00, e.g. 00:00:02.");
    }

    /// <param name="options">
    /// Client options, e.g. for a command-line tool; the <see cref="RequestBudget"/> when null. The storage error count
    /// is added to them, so give each client options of its own.
    /// </param>
    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        options = StorageErrorPolicy.AddTo(options ?? RequestBudget.ApplyTo(new TableClientOptions()), StorageErrorPolicy.Tables);
        return ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri, Credential, options);
    }

    /// <param name="options">As for tables.</param>
    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        options = StorageErrorPolicy.AddTo(options ?? RequestBudget.ApplyTo(new BlobClientOptions()), StorageErrorPolicy.Blobs);
        return ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobServiceUri, Credential, options);
    }
}
