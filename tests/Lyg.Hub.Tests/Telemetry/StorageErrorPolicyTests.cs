using System.Globalization;
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

    // Long tries where the stand-in answers: on a loaded machine its answer can take longer than the 2 s default.
    private const string Patient = "00:00:30";

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task Every_try_that_storage_answers_with_a_failure_is_counted_with_its_status(int status)
    {
        await using var storage = new FakeStorageServer(status);
        using var measurements = new HubMeasurements();

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => ReadAsync(storage.Account(Patient)));

        Assert.Equal(status, failure.Status);
        Assert.Equal(Tries, storage.Requests);
        AssertCountedPerTry(measurements, "table", status.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Blob_calls_are_counted_as_the_blob_service()
    {
        await using var storage = new FakeStorageServer(503);
        using var measurements = new HubMeasurements();

        await Assert.ThrowsAsync<RequestFailedException>(() => storage.Account(Patient).CreateBlobServiceClient().GetBlobContainerClient("places").ExistsAsync());

        AssertCountedPerTry(measurements, "blob", "503");
    }

    [Fact]
    public async Task Not_found_conflict_and_precondition_failed_are_answers_the_hub_expects_and_are_not_counted()
    {
        using var measurements = new HubMeasurements();
        await using (var notFound = new FakeStorageServer(404))
        {
            Assert.False((await ReadAsync(notFound.Account(Patient))).HasValue);
        }

        await using (var conflict = new FakeStorageServer(409))
        {
            var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Cases(conflict.Account(Patient)).AddEntityAsync(new TableEntity("case", "row")));
            Assert.Equal(409, failure.Status);
        }

        await using (var stale = new FakeStorageServer(412))
        {
            var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Cases(stale.Account(Patient)).UpdateEntityAsync(new TableEntity("case", "row"), new ETag("W/\"1\"")));
            Assert.Equal(412, failure.Status);
        }

        Assert.Empty(measurements.Of(HubMetrics.StorageErrorsName));
    }

    [Fact]
    public async Task Storage_that_is_down_counts_a_transport_failure_per_try()
    {
        using var measurements = new HubMeasurements();

        await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(FakeStorageServer.AccountAt(FreePort.Next())));

        AssertCountedPerTry(measurements, "table", "transport");
    }

    [Fact]
    public async Task A_hung_account_counts_a_timeout_per_try()
    {
        await using var storage = new FakeStorageServer(status: null);
        using var measurements = new HubMeasurements();

        await Assert.ThrowsAnyAsync<Exception>(() => ReadAsync(storage.Account(tryTimeout: "00:00:00.2")));

        AssertCountedPerTry(measurements, "table", "timeout");
    }

    [Fact]
    public async Task A_caller_that_cancels_is_not_a_storage_error()
    {
        await using var storage = new FakeStorageServer(status: null);
        using var measurements = new HubMeasurements();
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(storage.Account(), caller.Token));

        Assert.Empty(measurements.Of(HubMetrics.StorageErrorsName));
    }

    private static TableClient Cases(StorageAccount account) => account.CreateTableServiceClient().GetTableClient("Cases");

    private static Task<NullableResponse<TableEntity>> ReadAsync(StorageAccount account, CancellationToken cancellationToken = default) =>
        Cases(account).GetEntityIfExistsAsync<TableEntity>("case", "row", cancellationToken: cancellationToken);

    private static void AssertCountedPerTry(HubMeasurements measurements, string service, string status)
    {
        var errors = measurements.Of(HubMetrics.StorageErrorsName);
        Assert.Equal(Tries, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal(service, e.Tags["service"]);
            Assert.Equal(status, e.Tags["status"]);
        });
    }
}
