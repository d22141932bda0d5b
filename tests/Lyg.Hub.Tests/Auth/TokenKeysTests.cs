using Lyg.Hub.Auth;
using Lyg.Hub.Tests.Support;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Auth;

public sealed class TokenKeysTests
{
    [Fact]
    public void Valid_settings_give_validation_parameters_over_every_key()
    {
        var keys = TestJwt.Keys(TestJwt.NewKey(), TestJwt.NewKey(48));

        Assert.Equal(TestJwt.Issuer, keys.Validation.ValidIssuer);
        Assert.Equal(TestJwt.Audience, keys.Validation.ValidAudience);
        Assert.Equal(2, keys.Validation.IssuerSigningKeys.Count());
        Assert.True(keys.Validation.ValidateLifetime);
        Assert.True(keys.Validation.RequireSignedTokens);
        Assert.Same(keys.Validation.IssuerSigningKeys.First(), keys.SigningKey);
    }

    [Theory]
    [InlineData("", TestJwt.Audience)]
    [InlineData("  ", TestJwt.Audience)]
    [InlineData(TestJwt.Issuer, "")]
    public void Missing_issuer_or_audience_is_refused(string issuer, string audience)
    {
        var options = TestJwt.Options(issuer, audience, TestJwt.NewKey());

        Assert.Throws<OptionsValidationException>(() => TestJwt.Keys(options));
    }

    [Fact]
    public void No_signing_key_is_refused()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => TestJwt.Keys(TestJwt.Options()));

        Assert.Contains("SigningKeys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_base64_is_refused()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => TestJwt.Keys(TestJwt.NewKey(), "not base64 at all!"));

        Assert.Contains("SigningKeys:1 is not base64", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void A_key_shorter_than_32_bytes_is_refused(int bytes)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => TestJwt.Keys(TestJwt.NewKey(bytes)));

        Assert.Contains($"has {bytes} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_exactly_32_bytes_is_accepted()
    {
        var keys = TestJwt.Keys(TestJwt.NewKey(32));

        Assert.Equal(32, keys.SigningKey.Key.Length);
    }
}
