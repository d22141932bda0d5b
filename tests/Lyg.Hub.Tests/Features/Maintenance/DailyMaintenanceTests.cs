using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Features.Duplicates;
using Lyg.Hub.Features.Intake;
using Lyg.Hub.Features.Maintenance;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Maintenance;

[Collection(AzuriteDefinition.Name)]
public sealed class DailyMaintenanceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_failing_history_purge_does_not_stop_the_deletion_of_expired_reservations()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var idempotency = new IdempotencyStore(azurite.Tables, Options.Create(new IdempotencyOptions()), clock);
        var key = RequestKey.Create("report\n" + Guid.NewGuid().ToString("N"), "k-1", new VoidCaseRequest("A"), LygJsonContext.Default.VoidCaseRequest);
        await idempotency.ReserveAsync(key, "LYG-20261126-000001", CancellationToken.None);
        clock.Advance(new IdempotencyOptions().Retention + TimeSpan.FromDays(1));
        var maintenance = new DailyMaintenance(
            new PurgeWorkflowHistory(Options.Create(new PurgeWorkflowHistory.Settings()), clock, NullLogger<PurgeWorkflowHistory>.Instance),
            idempotency,
            new NonceStore(azurite.Tables, Options.Create(new SigningOptions()), clock),
            new ReportQuota(azurite.Tables, Options.Create(new ReportQuotaOptions()), clock),
            new DuplicateIndex(azurite.Tables, new CaseStore(azurite.Tables), Options.Create(new DuplicateOptions()), clock, NullLogger<DuplicateIndex>.Instance),
            azurite.Attachments,
            Options.Create(new AttachmentOptions()),
            clock,
            NullLogger<DailyMaintenance>.Instance);

        // The recording client supports no purge: the step throws.
        var result = await maintenance.RunAsync(new RecordingDurableClient(), CancellationToken.None);

        Assert.Null(result.PurgedWorkflows);
        Assert.InRange(result.DeletedReservations ?? 0, 1, int.MaxValue);
        Assert.NotNull(result.DeletedNonces);
        Assert.NotNull(result.DeletedDuplicateIndexRows);
        Assert.NotNull(result.DeletedPhotos);
        var row = await azurite.Tables.GetTableClient(TableNames.Idempotency)
            .GetEntityIfExistsAsync<TableEntity>(key.KeyHash, "reservation", cancellationToken: CancellationToken.None);
        Assert.False(row.HasValue);
    }
}
