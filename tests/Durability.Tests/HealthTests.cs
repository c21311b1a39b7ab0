using System.Net;
using System.Text.Json;

namespace Conversations.Durability.Tests;

// Runs a PostgreSQL server of its own, because it stops it.
public sealed class HealthTests
{
    [Fact]
    public async Task ReadinessFailsWhileStorageIsDownAndRecoversWithIt()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync("health");
        await using var gateway = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments());
        using var http = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };

        var (up, upBody) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, up);
        Assert.Equal("Healthy", CheckStatus(upBody, "storage"));

        await server.StopAsync();
        var (down, downBody) = await Eventually.GetAsync(() => ReadyAsync(http), r => r.Status != HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Equal("Unhealthy", CheckStatus(downBody, "storage"));
        Assert.Equal("Healthy", CheckStatus(downBody, "cluster"));
        using (var live = await http.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await server.StartServerAsync();
        var (again, _) = await Eventually.GetAsync(() => ReadyAsync(http), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    private static string? CheckStatus(string body, string check)
    {
        using var report = JsonDocument.Parse(body);
        return report.RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString();
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
