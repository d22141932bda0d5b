using Azure.Storage.Blobs;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Attachments;

/// <summary>Storing photos over Azurite: an id stored once whatever the retries, and the sweep of photos nobody named.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class AttachmentStoreTests(AzuriteFixture azurite)
{
    private const string Issuer = TestJwt.Issuer;
    private readonly string _citizen = "citizen-" + Guid.NewGuid().ToString("N");
    private readonly BlobContainerClient _container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(new AttachmentOptions().Container);

    [Fact]
    public async Task A_second_attempt_at_the_same_id_gets_the_first_attachment_and_leaves_no_blobs_of_its_own()
    {
        var id = AttachmentStore.NewId();
        var first = await AddAsync(id, DateTimeOffset.UtcNow);

        var second = await AddAsync(id, DateTimeOffset.UtcNow);

        Assert.Equal(first.BlobName, second.BlobName);
        Assert.True(await ExistsAsync(first.BlobName));
    }

    [Fact]
    public async Task Photos_no_case_claimed_before_the_cutoff_are_deleted_with_their_blobs_and_claimed_or_later_ones_stay()
    {
        var day = new DateTimeOffset(2001, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var abandoned = await AddAsync(AttachmentStore.NewId(), day);
        var claimed = await AddAsync(AttachmentStore.NewId(), day.AddHours(1));
        var recent = await AddAsync(AttachmentStore.NewId(), day.AddDays(3));
        Assert.NotNull(await azurite.Attachments.SetCaseAsync(claimed, AzuriteFixture.NewCaseId(), day.AddHours(1), CancellationToken.None));

        var deleted = await azurite.Attachments.DeleteUnboundAsync(day.AddDays(2), CancellationToken.None);
        var again = await azurite.Attachments.DeleteUnboundAsync(day.AddDays(2), CancellationToken.None);

        // The sweep takes whatever lies before the cutoff, leftovers of other runs on this Azurite too.
        Assert.InRange(deleted, 1, int.MaxValue);
        Assert.Equal(0, again);
        Assert.Null(await azurite.Attachments.FindAsync(abandoned.AttachmentId, CancellationToken.None));
        Assert.False(await ExistsAsync(abandoned.BlobName));
        Assert.False(await ExistsAsync(abandoned.ThumbnailBlobName));
        Assert.NotNull(await azurite.Attachments.FindAsync(claimed.AttachmentId, CancellationToken.None));
        Assert.True(await ExistsAsync(claimed.BlobName));
        Assert.NotNull(await azurite.Attachments.FindAsync(recent.AttachmentId, CancellationToken.None));
        Assert.True(await ExistsAsync(recent.ThumbnailBlobName));
    }

    [Fact]
    public async Task The_blobs_of_an_attempt_that_lost_to_another_with_the_same_id_are_swept_and_the_winner_stays()
    {
        var day = new DateTimeOffset(2002, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var id = AttachmentStore.NewId();
        var winner = await AddAsync(id, day);
        await AddAsync(id, day);
        Assert.NotNull(await azurite.Attachments.SetCaseAsync(winner, AzuriteFixture.NewCaseId(), day, CancellationToken.None));

        await azurite.Attachments.DeleteUnboundAsync(day.AddDays(1), CancellationToken.None);

        Assert.Equal(winner.BlobName, (await azurite.Attachments.FindAsync(id, CancellationToken.None))!.BlobName);
        Assert.True(await ExistsAsync(winner.BlobName));
    }

    private async Task<StoredAttachment> AddAsync(string id, DateTimeOffset at)
    {
        var (photo, _) = new PhotoProcessor(Options.Create(new AttachmentOptions())).Process(Lyg.Testing.TestPhotos.Create(Lyg.Testing.TestPhotos.Format.Jpeg));
        return await azurite.Attachments.AddAsync(id, photo!, Issuer, _citizen, "citizen", at, TimeSpan.FromDays(1), CancellationToken.None);
    }

    private async Task<bool> ExistsAsync(string blobName) => (await _container.GetBlobClient(blobName).ExistsAsync()).Value;
}
