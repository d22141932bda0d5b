using Azure.Data.Tables;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Health;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using static Lyg.Hub.Tests.Support.CaseFixtures;

namespace Lyg.Hub.Tests.Features.Health;

public sealed class CheckHealthTests
{
    private readonly TokenKeys _keys = TestJwt.Keys(TestJwt.NewKey());

    [Fact]
    public async Task Unreachable_storage_is_503_unhealthy_and_an_anonymous_caller_learns_no_internals()
    {
        var answer = await CheckAsync(token: null);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, answer.Status);
        Assert.Equal("unhealthy", answer.Body.GetProperty("status").GetString());
        var storage = Check(answer, "storage");
        Assert.Equal("unhealthy", storage.GetProperty("status").GetString());
        Assert.Equal("unavailable", storage.GetProperty("detail").GetString());
        Assert.DoesNotContain("Exception", answer.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", answer.Body.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Operator, true)]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Citizen, false)]
    [InlineData(Roles.Unit, false)]
    public async Task Staff_see_why_a_probe_failed_and_others_do_not(string role, bool seesDetail)
    {
        var token = new DevTokenIssuer(_keys, TimeProvider.System).Issue("someone", [role], role == Roles.Unit ? "DEPT-CGJ" : null).Token;

        var answer = await CheckAsync(token);

        var detail = Check(answer, "storage").GetProperty("detail").GetString();
        Assert.Equal(seesDetail, detail != "unavailable");
        if (seesDetail)
        {
            Assert.Contains("RequestFailedException", detail, StringComparison.Ordinal);
        }
    }

    private static System.Text.Json.JsonElement Check(ExecutedResult answer, string name) =>
        answer.Body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private async Task<ExecutedResult> CheckAsync(string? token)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var unreachable = new TableServiceClient(
            new Uri("http://127.0.0.1:9/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);
        var handler = new CheckHealth(unreachable, new Lyg.Orchestrations.Time.CalendarInForce(Calendar), Places, new CallerAuthenticator(_keys), TimeProvider.System, NullLogger<CheckHealth>.Instance);
        var http = new DefaultHttpContext();
        if (token is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + token;
        }

        await using var durable = new RecordingDurableClient();
        return await ResultRunner.ExecuteAsync(await handler.HandleAsync(http, durable), http);
    }
}
