using Lyg.Hub.Api;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Api;

public sealed class ProblemsTests
{
    public static TheoryData<string, int, string> Kinds => new()
    {
        { "malformed", StatusCodes.Status400BadRequest, "malformed" },
        { "unauthenticated", StatusCodes.Status401Unauthorized, "unauthenticated" },
        { "forbidden", StatusCodes.Status403Forbidden, "forbidden" },
        { "not-found", StatusCodes.Status404NotFound, "not-found" },
        { "state-conflict", StatusCodes.Status409Conflict, "state-conflict" },
        { "idempotency", StatusCodes.Status409Conflict, "idempotency-key-reused" },
        { "unavailable", StatusCodes.Status503ServiceUnavailable, "unavailable" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_failure_kind_is_problem_json_with_its_status_type_and_detail(string kind, int status, string slug)
    {
        var result = kind switch
        {
            "malformed" => Problems.Malformed("the detail"),
            "unauthenticated" => Problems.Unauthenticated("the detail"),
            "forbidden" => Problems.Forbidden("the detail"),
            "not-found" => Problems.NotFound("the detail"),
            "state-conflict" => Problems.StateConflict("the detail"),
            "idempotency" => Problems.IdempotencyMismatch("the detail"),
            _ => Problems.Unavailable("the detail"),
        };

        var answer = await ResultRunner.ExecuteAsync(result);

        Assert.Equal(status, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/" + slug, answer.ProblemType);
        Assert.Equal(status, answer.Body.GetProperty("status").GetInt32());
        Assert.Equal("the detail", answer.Detail);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_validation_problem_lists_every_field_with_its_messages()
    {
        var answer = await ResultRunner.ExecuteAsync(Problems.Validation(new Dictionary<string, string[]>
        {
            ["description"] = ["A description is required."],
            ["location.lat"] = ["Latitude in degrees, -90 to 90."],
        }));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/validation", answer.ProblemType);
        Assert.Equal("A description is required.", answer.Body.GetProperty("errors").GetProperty("description")[0].GetString());
        Assert.Equal(["description", "location.lat"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unprocessable_problem_carries_its_own_type()
    {
        var answer = await ResultRunner.ExecuteAsync(Problems.Unprocessable("outside-grids", "No grid.", "the detail"));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, answer.Status);
        Assert.Equal(ResultRunner.ProblemJson, answer.ContentType);
        Assert.Equal("https://lyg-serverless.dev/problems/outside-grids", answer.ProblemType);
        Assert.Equal("the detail", answer.Detail);
    }

    [Fact]
    public async Task Size_and_media_type_problems_name_the_limit()
    {
        var tooLarge = await ResultRunner.ExecuteAsync(Problems.PayloadTooLarge(JsonBody.MaxBytes));
        var mediaType = await ResultRunner.ExecuteAsync(Problems.UnsupportedMediaType());

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, tooLarge.Status);
        Assert.Equal("At most 65536 bytes are accepted.", tooLarge.Detail);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, mediaType.Status);
    }
}
