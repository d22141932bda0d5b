using System.Text;
using System.Text.Json;
using Lyg.Contracts;
using Lyg.Hub.Features.Hotline12345;
using Lyg.Orchestrations.Codes;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Tests.Features.Hotline12345;

public sealed class HotlineParsingTests
{
    private static readonly DateTimeOffset NineThirtyBeijing = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("\"2026-12-01T09:30:00+08:00\"")]
    [InlineData("\"2026-12-01T01:30:00Z\"")]
    [InlineData("\"2026-12-01T09:30:00\"")]
    [InlineData("\"2026-12-01 09:30:00\"")]
    [InlineData("\"2026-12-01 09:30\"")]
    [InlineData("\"2026/12/01 09:30:00\"")]
    [InlineData("\"20261201093000\"")]
    [InlineData("1796088600")]
    [InlineData("\"1796088600\"")]
    [InlineData("1796088600000")]
    [InlineData("\"1796088600000\"")]
    public void Every_form_of_time_means_the_same_instant(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(NineThirtyBeijing, HotlineTime.Parse(document.RootElement));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-13-01 09:30:00\"")]
    [InlineData("\"\"")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("99999999999999999999")]
    public void A_value_in_no_form_is_no_time(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(HotlineTime.Parse(document.RootElement));
    }

    [Fact]
    public void Seconds_and_milliseconds_are_told_apart_by_magnitude()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(99_999_999_999), HotlineTime.Parse("99999999999"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(100_000_000_000), HotlineTime.Parse("100000000000"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    public void A_utf8_body_is_taken_as_it_is(string? charset)
    {
        var body = Encoding.UTF8.GetBytes("""{"description":"井盖缺失"}""");
        var (utf8, problem) = HotlineBody.Decode(body, charset);
        Assert.Null(problem);
        Assert.Equal(body, utf8);
    }

    [Theory]
    [InlineData("gb18030")]
    [InlineData("GBK")]
    [InlineData("gb2312")]
    public void A_gb18030_body_is_decoded_to_utf8(string charset)
    {
        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
        var (utf8, problem) = HotlineBody.Decode(gb18030.GetBytes("""{"description":"井盖缺失，海州区𠀀"}"""), charset);
        Assert.Null(problem);
        Assert.Equal("""{"description":"井盖缺失，海州区𠀀"}""", Encoding.UTF8.GetString(utf8!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("latin1")]
    [InlineData("big5")]
    public void An_undeclared_or_unknown_charset_is_refused_naming_the_content_type(string? charset)
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!.GetBytes("""{"description":"井盖缺失"}""");
        var (utf8, problem) = HotlineBody.Decode(gbk, charset);
        Assert.Null(utf8);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Bytes_that_are_not_of_the_declared_charset_are_refused()
    {
        var (utf8, problem) = HotlineBody.Decode([0x7B, 0x81, 0x20, 0x7D], "gb18030");
        Assert.Null(utf8);
        Assert.NotNull(problem);
    }

    [Fact]
    public void The_longest_beginning_of_a_path_in_the_table_maps_it()
    {
        var map = new HotlineCategoryMap(Options.Create(new HotlineOptions()), CodeCatalog.Default);
        Assert.Equal(("0103", CodeKind.Component), Mapped(map, "城市管理", "市政设施", "井盖", "雨水井盖"));
        Assert.Equal(("0102", CodeKind.Component), Mapped(map, "城市管理", "市政设施", "井盖", "污水井盖", "海州区"));
        Assert.Equal(("0110", CodeKind.Event), Mapped(map, " 城市管理", "市容环卫 ", "暴露垃圾"));
        Assert.Null(map.Resolve(["城市管理", "市政设施"]));
        Assert.Null(map.Resolve(["交通", "公交"]));
        Assert.Null(map.Resolve([]));
        Assert.Null(map.Resolve(null));
    }

    [Fact]
    public void A_table_with_problems_is_refused_whole_with_each_named()
    {
        var table = new HotlineCategoryTable("test",
        [
            new(["a"], "0110", CodeKind.Event),
            new(["a"], "0110", CodeKind.Event),
            new(["b"], "9999", CodeKind.Event),
            new(["c"], "06010", CodeKind.Component),
            new(["d", "e", "f", "g", "h", "i"], "0110", CodeKind.Event),
            new(["e"], "0110", null),
        ]);
        var error = Assert.Throws<InvalidOperationException>(() => new HotlineCategoryMap(table, CodeCatalog.Default, "test"));
        foreach (var entry in new[] { "entries[1].path", "entries[2].categoryCode", "entries[3].categoryCode", "entries[4].path", "entries[5].categoryKind" })
        {
            Assert.Contains(entry, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("entries[0]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张三丰", "张**")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("𠀀明", "𠀀*")]
    [InlineData("李", "李*")]
    public void Names_keep_their_first_character(string name, string masked) => Assert.Equal(masked, PersonalDataMask.Name(name));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+8613812345678", "+86*******5678")]
    [InlineData("0518-8561234", "051*****1234")]
    [InlineData("85612345", "85****45")]
    [InlineData("12345", "*****")]
    public void Phone_numbers_keep_their_first_three_and_last_four_digits(string phone, string masked) => Assert.Equal(masked, PersonalDataMask.Phone(phone));

    [Fact]
    public void A_sealed_caller_opens_only_with_its_key_and_its_work_order()
    {
        var protector = new PersonalDataProtector(Options.Create(new HotlineOptions()));
        var caller = new HotlineCaller("张三丰", "13812345678");
        var sealedCaller = protector.Seal(caller, "dev-hotline12345/WO-1");

        Assert.Equal(caller, protector.Open(sealedCaller, "dev-hotline12345/WO-1"));
        Assert.DoesNotContain("13812345678", Encoding.UTF8.GetString(Convert.FromBase64String(sealedCaller)), StringComparison.Ordinal);
        Assert.NotEqual(sealedCaller, protector.Seal(caller, "dev-hotline12345/WO-1"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Open(sealedCaller, "dev-hotline12345/WO-2"));
        var otherKey = new PersonalDataProtector(Options.Create(new HotlineOptions { PersonalDataKey = Convert.ToBase64String(new byte[32]) }));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => otherKey.Open(sealedCaller, "dev-hotline12345/WO-1"));
    }

    [Fact]
    public void Outside_development_a_key_of_its_own_is_required()
    {
        var production = new HotlineOptionsValidation(new TestEnvironment("Production"));
        var development = new HotlineOptionsValidation(new TestEnvironment("Development"));

        Assert.True(production.Validate(null, new HotlineOptions()).Failed);
        Assert.True(production.Validate(null, new HotlineOptions { PersonalDataKey = HotlineOptions.SamplePersonalDataKey }).Failed);
        Assert.True(production.Validate(null, new HotlineOptions { PersonalDataKey = Convert.ToBase64String(new byte[16]) }).Failed);
        Assert.True(production.Validate(null, new HotlineOptions { PersonalDataKey = Convert.ToBase64String(new byte[32]) }).Succeeded);
        Assert.True(development.Validate(null, new HotlineOptions()).Succeeded);
        Assert.DoesNotContain(HotlineOptions.SamplePersonalDataKey, string.Join(" ", production.Validate(null, new HotlineOptions { PersonalDataKey = HotlineOptions.SamplePersonalDataKey }).Failures!), StringComparison.Ordinal);
    }

    private static (string?, CodeKind?)? Mapped(HotlineCategoryMap map, params string[] path) =>
        map.Resolve(path) is { } entry ? (entry.CategoryCode, entry.CategoryKind) : null;

    private sealed class TestEnvironment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
