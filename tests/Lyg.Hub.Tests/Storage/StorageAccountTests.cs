using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;

namespace Lyg.Hub.Tests.Storage;

public sealed class StorageAccountTests
{
    [Fact]
    public void The_hubs_clients_give_up_on_a_hung_call_well_inside_the_request_budget()
    {
        var account = StorageAccount.FromConfiguration(Settings());
        var client = account.CreateTableServiceClient();

        Assert.Equal(StorageRetryBudget.Requests, account.RequestBudget);
        Assert.True(StorageRetryBudget.Requests.Worst < new Lyg.Hub.Api.ApiOptions().RequestTimeout, $"worst case {StorageRetryBudget.Requests.Worst}");
        Assert.NotNull(client);
    }

    [Fact]
    public void The_per_try_timeout_is_configurable_and_keeps_the_retries()
    {
        var account = StorageAccount.FromConfiguration(Settings(("Storage:TryTimeout", "00:00:05")));

        Assert.Equal(TimeSpan.FromSeconds(5), account.RequestBudget.TryTimeout);
        Assert.Equal(StorageRetryBudget.Requests.MaxRetries, account.RequestBudget.MaxRetries);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-00:00:01")]
    [InlineData("00:05:00")]
    [InlineData("soon")]
    public void An_unusable_per_try_timeout_stops_the_host(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(Settings(("Storage:TryTimeout", value))));

        Assert.Contains("Storage:TryTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worst_case_of_a_budget_counts_every_try_and_the_back_off_between()
    {
        var budget = new StorageRetryBudget(TimeSpan.FromSeconds(2), 2, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(6.6), budget.Worst);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] extra) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)).Append(new("AzureWebJobsStorage", StorageAccount.DevelopmentStorage)))
            .Build();
}
