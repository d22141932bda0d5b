using System.Net.Http;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;

namespace Lyg.Import;

/// <summary>
/// The storage account a command reads and writes: <c>--storage CONNECTION</c>, else the hosts' setting
/// <c>AzureWebJobsStorage</c> from the environment (connection string or identity-based URIs), else the local Azurite.
/// Storage calls go through <see cref="UseAsync{T}"/>, which turns "nothing answers" into advice.
/// </summary>
internal sealed class StorageOption
{
    public const string Name = "--storage";
    public const string Usage = "[--storage CONNECTION]";

    private const string Hint =
        "Start Azurite with `npm --prefix infra/local start` (or run the standalone host: `dotnet run --project functions/Lyg.Standalone`), "
        + "or name another account with --storage or AzureWebJobsStorage.";

    private readonly BlobServiceClient _client;

    private StorageOption(BlobServiceClient client, TableServiceClient tables)
    {
        _client = client;
        Tables = tables;
    }

    public TableServiceClient Tables { get; }

    /// <exception cref="UsageException">The connection string or identity settings are malformed.</exception>
    public static StorageOption From(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var setting = environment.GetSection(StorageAccount.SettingName);
        try
        {
            var account = arguments.Value(Name) is { } connection
                ? new StorageAccount(connection, null, null, null, null)
                : setting.Value is null && setting["blobServiceUri"] is null
                    ? new StorageAccount(StorageAccount.DevelopmentStorage, null, null, null, null)
                    : StorageAccount.FromConfiguration(environment);
            // A tool should say at once that storage is missing, not after the SDK's long back-off.
            var blobOptions = new BlobClientOptions();
            var tableOptions = new TableClientOptions();
            foreach (var retry in new[] { blobOptions.Retry, tableOptions.Retry })
            {
                retry.MaxRetries = 2;
                retry.Delay = TimeSpan.FromMilliseconds(500);
            }

            return new StorageOption(account.CreateBlobServiceClient(blobOptions), account.CreateTableServiceClient(tableOptions));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException($"the storage account cannot be used: {ex.Message}");
        }
    }

    public BlobContainerClient Container(string name) => _client.GetBlobContainerClient(name);

    public async Task<T> UseAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work();
        }
        catch (Exception ex) when (IsUnanswered(ex))
        {
            throw new CommandFailedException($"storage at {_client.Uri} does not answer ({Innermost(ex).Message}). {Hint}", ex);
        }
    }

    /// <summary>Connection refused or timed out, also after the SDK's retries gave up, as opposed to an answer refusing the call.</summary>
    private static bool IsUnanswered(Exception ex) => ex switch
    {
        RequestFailedException failed => failed.Status == 0,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnanswered),
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
