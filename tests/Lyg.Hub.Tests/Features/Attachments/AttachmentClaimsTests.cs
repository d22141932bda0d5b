using Lyg.Contracts;
using Lyg.Hub.Features.Attachments;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Lyg.Hub.Tests.Features.Attachments;

/// <summary>The one check of named attachments, over Azurite: ownership, binding to one case, stale bindings, release.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class AttachmentClaimsTests(AzuriteFixture azurite)
{
    private const string Issuer = TestJwt.Issuer;
    private readonly string _citizen = "citizen-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CaseStore _cases = new(azurite.Tables);

    private AttachmentClaims Claims => new(azurite.Attachments, _cases, _clock);

    [Fact]
    public async Task The_callers_own_photos_are_bound_to_the_case_that_names_them_and_a_repeat_binds_nothing_new()
    {
        var photos = new[] { await UploadAsync(), await UploadAsync() };
        var caseId = AzuriteFixture.NewCaseId();

        var first = await Claims.ClaimAsync(photos, Issuer, _citizen, caseId, CancellationToken.None);
        var repeat = await Claims.ClaimAsync(photos, Issuer, _citizen, caseId, CancellationToken.None);

        Assert.Empty(first.Errors);
        Assert.Empty(repeat.Errors);
        foreach (var id in photos)
        {
            Assert.Equal(caseId, (await azurite.Attachments.FindAsync(id, CancellationToken.None))!.CaseId);
        }
    }

    [Fact]
    public async Task Someone_elses_missing_and_repeated_ids_are_named_by_index_and_nothing_is_bound()
    {
        var mine = await UploadAsync();
        var theirs = await azurite.UploadPhotoAsync(Issuer, "someone-else", Roles.Citizen);
        var sameSubjectOtherIssuer = await azurite.UploadPhotoAsync("https://other-issuer.test", _citizen, Roles.Citizen);

        var claim = await Claims.ClaimAsync([mine, theirs, "0123456789abcdef0123456789abcdef", mine, sameSubjectOtherIssuer], Issuer, _citizen, AzuriteFixture.NewCaseId(), CancellationToken.None);

        Assert.Equal(["attachmentIds[1]", "attachmentIds[2]", "attachmentIds[3]", "attachmentIds[4]"], claim.Errors.Keys.Order(StringComparer.Ordinal));
        // An unknown id and someone else's read the same, so ids cannot be probed.
        Assert.Equal(claim.Errors["attachmentIds[1]"][0].Replace(theirs, "ID", StringComparison.Ordinal), claim.Errors["attachmentIds[2]"][0].Replace("0123456789abcdef0123456789abcdef", "ID", StringComparison.Ordinal));
        Assert.Null((await azurite.Attachments.FindAsync(mine, CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task A_photo_of_one_case_cannot_join_another_and_the_check_says_so_before_anything_is_written()
    {
        var photo = await UploadAsync();
        var first = AzuriteFixture.NewCaseId();
        await _cases.CreateAsync(CaseFixtures.NewCase(first, _citizen), CancellationToken.None);
        Assert.Empty((await Claims.ClaimAsync([photo], Issuer, _citizen, first, CancellationToken.None)).Errors);

        var other = await Claims.ClaimAsync([photo], Issuer, _citizen, AzuriteFixture.NewCaseId(), CancellationToken.None);
        var checkedUnbound = await Claims.CheckAsync([photo], Issuer, _citizen, unboundOnly: true, CancellationToken.None);
        var checkedOwned = await Claims.CheckAsync([photo], Issuer, _citizen, unboundOnly: false, CancellationToken.None);

        Assert.Equal(["attachmentIds[0]"], other.Errors.Keys);
        Assert.Equal(["attachmentIds[0]"], checkedUnbound.Keys);
        Assert.Empty(checkedOwned);
        Assert.Equal(first, (await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task A_binding_to_a_case_never_stored_is_taken_over_once_stale_but_not_before()
    {
        var photo = await UploadAsync();
        Assert.Empty((await Claims.ClaimAsync([photo], Issuer, _citizen, AzuriteFixture.NewCaseId(), CancellationToken.None)).Errors);
        var next = AzuriteFixture.NewCaseId();

        var early = await Claims.ClaimAsync([photo], Issuer, _citizen, next, CancellationToken.None);
        _clock.Advance(AttachmentClaims.StaleAfter + TimeSpan.FromSeconds(1));
        var late = await Claims.ClaimAsync([photo], Issuer, _citizen, next, CancellationToken.None);

        Assert.NotEmpty(early.Errors);
        Assert.Empty(late.Errors);
        Assert.Equal(next, (await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task A_stale_binding_to_a_case_that_exists_stays()
    {
        var photo = await UploadAsync();
        var stored = AzuriteFixture.NewCaseId();
        await _cases.CreateAsync(CaseFixtures.NewCase(stored, _citizen), CancellationToken.None);
        await Claims.ClaimAsync([photo], Issuer, _citizen, stored, CancellationToken.None);
        _clock.Advance(AttachmentClaims.StaleAfter * 2);

        var other = await Claims.ClaimAsync([photo], Issuer, _citizen, AzuriteFixture.NewCaseId(), CancellationToken.None);

        Assert.NotEmpty(other.Errors);
        Assert.Equal(stored, (await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
    }

    [Fact]
    public async Task A_released_claim_frees_what_it_bound()
    {
        var photo = await UploadAsync();
        var claim = await Claims.ClaimAsync([photo], Issuer, _citizen, AzuriteFixture.NewCaseId(), CancellationToken.None);

        await claim.ReleaseAsync(CancellationToken.None);

        Assert.Null((await azurite.Attachments.FindAsync(photo, CancellationToken.None))!.CaseId);
    }

    private Task<string> UploadAsync() => azurite.UploadPhotoAsync(Issuer, _citizen, Roles.Citizen);
}
