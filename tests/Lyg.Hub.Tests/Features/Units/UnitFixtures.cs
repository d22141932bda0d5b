using System.Text;
using Lyg.Contracts;
using Lyg.Hub.Auth;
using Lyg.Hub.Features.Units;
using Lyg.Hub.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Lyg.Hub.Tests.Features.Units;

/// <summary>Fresh unit tables, sample units, callers and requests for the unit tests.</summary>
internal static class UnitFixtures
{
    public static readonly Caller Admin = Person("admin-1", Roles.Admin);
    public static readonly Caller Dispatcher = Person("disp-1", Roles.Dispatcher);
    public static readonly Caller Citizen = Person("citizen-1", Roles.Citizen);
    public static readonly Caller UnitStaff = new(TestJwt.Issuer, "unit-staff-1", new HashSet<string> { Roles.Unit }, "DEPT-CGJ");

    /// <summary>A store over a table of its own, so a test sees only the units it wrote.</summary>
    public static async Task<UnitStore> NewStoreAsync(AzuriteFixture azurite)
    {
        var store = new UnitStore(azurite.Tables, "Units" + Guid.NewGuid().ToString("N"));
        await store.EnsureTableAsync(CancellationToken.None);
        return store;
    }

    public static UnitView Unit(string code, UnitKind kind = UnitKind.Department, string? parent = null, bool active = true) =>
        new(code, "单位" + code, kind, parent, code.ToLowerInvariant() + ".dispatch@units.lyg.example", active);

    public static async Task SaveAsync(UnitStore store, params UnitView[] units)
    {
        foreach (var unit in units)
        {
            Assert.Equal(UnitUpsertOutcome.Created, await store.UpsertAsync(unit, CancellationToken.None));
        }
    }

    /// <summary>A request from an admitted caller, as <see cref="ApiGate"/> leaves it.</summary>
    public static DefaultHttpContext Request(Caller caller, string? jsonBody = null, string? queryString = null)
    {
        var http = new DefaultHttpContext();
        http.Features.Set(caller);
        if (jsonBody is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(jsonBody));
        }

        if (queryString is not null)
        {
            http.Request.QueryString = new QueryString(queryString);
        }

        return http;
    }

    private static Caller Person(string subject, string role) => new(TestJwt.Issuer, subject, new HashSet<string> { role }, null);
}
