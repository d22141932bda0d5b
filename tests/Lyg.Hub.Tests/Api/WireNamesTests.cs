using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lyg.Contracts;

namespace Lyg.Hub.Tests.Api;

/// <summary>Every wire enum of the contracts reads and writes only the names it declares.</summary>
public sealed class WireNamesTests
{
    public static TheoryData<Type> ContractEnums() => [.. typeof(LygJsonContext).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)];

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Every_contract_enum_is_converted_by_the_strict_converter(Type enumType)
    {
        var converter = enumType.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;

        Assert.Equal(typeof(WireEnumConverter<>).MakeGenericType(enumType), converter);
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Every_member_writes_its_declared_name_and_reads_back(Type enumType)
    {
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var declared = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name;
            var value = field.GetValue(null)!;

            var json = JsonSerializer.Serialize(value, enumType, LygJsonContext.Default);

            Assert.NotNull(declared);
            Assert.Equal($"\"{declared}\"", json);
            Assert.Equal(value, JsonSerializer.Deserialize(json, enumType, LygJsonContext.Default));
        }
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Numbers_joined_names_other_spellings_and_unknown_names_are_refused(Type enumType)
    {
        var names = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name)
            .ToList();
        string[] hostile =
        [
            "0", "1", "2", "99", "-1", "1.0", "\"0\"", "\"1\"", "\"99\"", "\" 1\"", "true", "null", "{}", "[]",
            $"\"{names[0]}, {names[^1]}\"", $"\"{names[0]},{names[^1]}\"", $"\"{names[0].ToUpperInvariant()}\"",
            $"\" {names[0]}\"", $"\"{names[0]} \"", "\"\"", "\"nonsense\"",
        ];

        foreach (var json in hostile)
        {
            Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, enumType, LygJsonContext.Default));
        }
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void An_undefined_value_refuses_to_be_written(Type enumType)
    {
        var undefined = Enum.ToObject(enumType, 99);

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Serialize(undefined, enumType, LygJsonContext.Default));
    }

    [Fact]
    public void A_nullable_enum_member_still_reads_null_and_absent_as_null()
    {
        var report = JsonSerializer.Deserialize("""{"location":{"lat":1,"lon":2,"crs":null}}""", LygJsonContext.Default.SubmitReportRequest)!;

        Assert.Null(report.Location!.Crs);
        Assert.Null(report.CategoryKind);
    }
}
