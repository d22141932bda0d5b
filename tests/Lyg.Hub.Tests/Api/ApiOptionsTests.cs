using System.ComponentModel.DataAnnotations;
using Lyg.Hub.Api;

namespace Lyg.Hub.Tests.Api;

public sealed class ApiOptionsTests
{
    [Fact]
    public void Uploads_have_a_longer_budget_than_other_requests_and_budgets_are_bounded()
    {
        var options = new ApiOptions();

        Assert.Equal(TimeSpan.FromMinutes(2), options.TimeoutOf(ApiEndpointNames.UploadAttachment));
        Assert.Equal(options.RequestTimeout, options.TimeoutOf(ApiEndpointNames.SubmitReport));
        options.EndpointTimeouts[ApiEndpointNames.SubmitReport] = TimeSpan.FromMinutes(11);
        Assert.Single(options.Validate(new ValidationContext(options)));
    }
}
