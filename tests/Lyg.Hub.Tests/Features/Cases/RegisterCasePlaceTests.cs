using Lyg.Hub.Features.Cases;
using Lyg.Hub.Storage;
using Lyg.Hub.Tests.Support;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Cases;

/// <summary>Registration over Azurite: it places a case intake could not, and leaves a placed case where it is.</summary>
[Collection(AzuriteDefinition.Name)]
public sealed class RegisterCasePlaceTests(AzuriteFixture azurite)
{
    private const string Body = $$"""{"categoryCode":"{{Category}}","urgency":"normal"}""";

    private readonly CaseStore _cases = new(azurite.Tables);
    private readonly string _caseId = AzuriteFixture.NewCaseId();

    [Fact]
    public async Task Registration_places_a_case_stored_without_a_place()
    {
        var grid = City.Grids[^1];
        await _cases.CreateAsync(NewCase(_caseId).In(grid) with { Place = null }, CancellationToken.None);

        await RegisterAsync();

        Assert.Equal(grid.Code, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Place?.Grid);
    }

    [Fact]
    public async Task Registration_keeps_the_place_intake_found()
    {
        var (placedIn, pointIn) = (City.Grids[0], City.Grids[^1]);
        await _cases.CreateAsync(NewCase(_caseId).In(placedIn) with { Location = CentreOf(pointIn) }, CancellationToken.None);

        await RegisterAsync();

        Assert.Equal(placedIn.Code, (await _cases.FindAsync(_caseId, CancellationToken.None))!.Place?.Grid);
    }

    private async Task RegisterAsync()
    {
        var transition = await ActionDecisions.PrepareAsync(new RegisterCase(Clocks, Places), Operator, Body, Morning);
        var result = await _cases.TransitionAsync(_caseId, transition, null, CancellationToken.None);
        Assert.Equal(TransitionOutcome.Applied, result.Outcome);
    }
}
