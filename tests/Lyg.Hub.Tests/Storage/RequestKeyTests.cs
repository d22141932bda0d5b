using Lyg.Contracts;
using Lyg.Hub.Storage;

namespace Lyg.Hub.Tests.Storage;

public sealed class RequestKeyTests
{
    private static readonly VoidCaseRequest Duplicate = new("重复上报");

    [Fact]
    public void The_same_scope_key_and_request_give_the_same_hashes()
    {
        var first = Create("action\nop-1\nvoid", "key-1", Duplicate);
        var second = Create("action\nop-1\nvoid", "key-1", new VoidCaseRequest("重复上报"));

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first.KeyHash);
        Assert.Matches("^[0-9a-f]{64}$", first.RequestHash);
    }

    [Fact]
    public void Another_scope_gives_another_key_hash_for_the_same_key()
    {
        var mine = Create("action\nop-1\nvoid", "key-1", Duplicate);
        var theirs = Create("action\nop-2\nvoid", "key-1", Duplicate);

        Assert.NotEqual(mine.KeyHash, theirs.KeyHash);
        Assert.Equal(mine.RequestHash, theirs.RequestHash);
    }

    [Fact]
    public void Another_key_gives_another_key_hash()
    {
        Assert.NotEqual(Create("s", "key-1", Duplicate).KeyHash, Create("s", "key-2", Duplicate).KeyHash);
    }

    [Fact]
    public void Another_request_gives_another_request_hash_under_the_same_key_hash()
    {
        var first = Create("s", "key-1", Duplicate);
        var changed = Create("s", "key-1", new VoidCaseRequest("不属于城管范围"));

        Assert.Equal(first.KeyHash, changed.KeyHash);
        Assert.NotEqual(first.RequestHash, changed.RequestHash);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("!~")]
    [InlineData("3f2b9c1e-8f0a-4d7e-9b1a-2c3d4e5f6a7b")]
    public void Visible_ascii_keys_are_well_formed(string key)
    {
        Assert.True(RequestKey.IsWellFormed(key));
    }

    [Fact]
    public void A_key_may_have_128_characters_but_not_more()
    {
        Assert.True(RequestKey.IsWellFormed(new string('k', RequestKey.MaxLength)));
        Assert.False(RequestKey.IsWellFormed(new string('k', RequestKey.MaxLength + 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("line\n")]
    [InlineData("键")]
    [InlineData("caf\u00e9")]
    [InlineData("del\u007f")]
    public void Empty_keys_and_keys_with_spaces_controls_or_non_ascii_are_not_well_formed(string key)
    {
        Assert.False(RequestKey.IsWellFormed(key));
    }

    private static RequestKey Create(string scope, string key, VoidCaseRequest request) =>
        RequestKey.Create(scope, key, request, LygJsonContext.Default.VoidCaseRequest);
}
