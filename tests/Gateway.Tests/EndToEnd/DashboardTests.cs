using System.Net;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class DashboardTests(GatewayFixture fixture)
{
    [Fact]
    public async Task EmbeddedGatewayServesTheOrleansDashboardByDefault()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Orleans", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DashboardCanBeTurnedOff()
    {
        await using var host = await GatewayHost.StartAsync("--Dashboard:Enabled", "false");
        using var http = new HttpClient { BaseAddress = host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var response = await http.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
