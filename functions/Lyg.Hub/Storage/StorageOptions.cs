namespace Lyg.Hub.Storage;

/// <summary>
/// Where the hub keeps its data. The connection string is the Functions convention <c>AzureWebJobsStorage</c>,
/// read by both hosts, so one setting points the whole hub (tables, blobs, task hub) at one account.
/// </summary>
public sealed class StorageOptions
{
    public const string ConnectionStringKey = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public string ConnectionString { get; set; } = "";
}
