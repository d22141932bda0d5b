using Azure;
using Azure.Data.Tables;
using Lyg.Hub.Storage;
using Lyg.Hub.Telemetry;
using Lyg.Hub.Tests.Support;
using Lyg.Testing;

namespace Lyg.Hub.Tests.Telemetry;

/// <summary>The storage error count of the hub's own clients, against a loopback server playing the storage account.</summary>
public sealed class StorageErrorPolicyTests
{
    private static readonly int Tries = StorageRetryBudget.Requests.MaxRetries + 1;

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task Every_try_that_storage_answers_with_a_failure_is_counted_with_its_status(int status)
    {
        await using var storage = new FakeStorageServer(status);
        using var measurements = new HubMeasurements();
        var table = storage.Account().CreateTableServiceClient().GetTableClient("Cases");

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityIfExistsAsync<TableEntity>("case", "row"));

        Assert.Equal(status, failure.Status);
        Assert.Equal(Tries, storage.Requests);
        var errors = measurements.Of(HubMetrics.StorageErrorsName);
        Assert.Equal(Tries, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal("table", e.Tags["service"]);
            Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Tags["status"]);
        });
    }

    [Fact]
    public async Task Blob_calls_are_counted_as_the_blob_service()
    {
        await using var storage = new FakeStorageServer(503);
        using var measurements = new HubMeasurements();
        var container = storage.Account().CreateBlobServiceClient().GetBlobContainerClient("places");

        await Assert.ThrowsAsync<RequestFailedException>(() => container.ExistsAsync());

        Assert.Equal(Tries, measurements.Sum(HubMetrics.StorageErrorsName));
        Assert.All(measurements.Of(HubMetrics.StorageErrorsName), e => Assert.Equal("blob", e.Tags["service"]));
    }

    [Fact]
    public async Task Not_found_conflict_and_precondition_failed_are_answers_the_hub_expects_and_are_not_counted()
    {
        using var measurements = new HubMeasurements();
        await using (var notFound = new FakeStorageServer(404))
        {
            var found = await notFound.Account().CreateTableServiceClient().GetTableClient("Cases").GetEntityIfExistsAsync<TableEntity>("case", "row");
            Assert.False(found.HasValue);
        }

        await using (var conflict = new FakeStorageServer(409))
        {
            var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
                conflict.Account().CreateTableServiceClient().GetTableClient("Cases").AddEntityAsync(new TableEntity("case", "row")));
            Assert.Equal(409, failure.Status);
        }

        await using (var stale = new FakeStorageServer(412))
        {
            var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
                stale.Account().CreateTableServiceClient().GetTableClient("Cases").UpdateEntityAsync(new TableEntity("case", "row"), new ETag("W/\"1\"")));
            Assert.Equal(412, failure.Status);
        }

        Assert.Empty(measurements.Of(HubMetrics.StorageErrorsName));
    }

    [Fact]
    public async Task Storage_that_is_down_counts_a_transport_failure_per_try()
    {
        using var measurements = new HubMeasurements();
        var account = FakeStorageServer.AccountAt(FreePort.Next());

        await Assert.ThrowsAnyAsync<Exception>(() => account.CreateTableServiceClient().GetTableClient("Cases").GetEntityIfExistsAsync<TableEntity>("case", "row"));

        var errors = measurements.Of(HubMetrics.StorageErrorsName);
        Assert.Equal(Tries, errors.Count);
        Assert.All(errors, e => Assert.Equal("transport", e.Tags["status"]));
    }

    [Fact]
    public async Task A_hung_account_counts_a_timeout_per_try()
    {
        await using var storage = new FakeStorageServer(status: null);
        using var measurements = new HubMeasurements();
        var table = storage.Account(tryTimeout: "00:00:00.2").CreateTableServiceClient().GetTableClient("Cases");

        await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<TableEntity>("case", "row"));

        var errors = measurements.Of(HubMetrics.StorageErrorsName);
        Assert.Equal(Tries, errors.Count);
        Assert.All(errors, e => Assert.Equal("timeout", e.Tags["status"]));
    }

    [Fact]
    public async Task A_caller_that_cancels_is_not_a_storage_error()
    {
        await using var storage = new FakeStorageServer(status: null);
        using var measurements = new HubMeasurements();
        var table = storage.Account().CreateTableServiceClient().GetTableClient("Cases");
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.GetEntityIfExistsAsync<TableEntity>("case", "row", cancellationToken: caller.Token));

        Assert.Empty(measurements.Of(HubMetrics.StorageErrorsName));
    }
}
