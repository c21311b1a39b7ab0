using System.Net;

using Conversations.Gateway.Tests.EndToEnd;

namespace Conversations.Gateway.Tests.Security;

public sealed class OriginTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task AWebSocketFromAnotherSitesPageIsRefusedAndOneFromTheGatewaysOwnPageIsServed()
    {
        var path = $"/ws/conversation/origin-{Guid.NewGuid():N}";
        var own = $"http://{Host.HttpUri.Authority}";

        var foreign = await RawUpgrade.SendAsync(Host.HttpUri, path, new Dictionary<string, string> { ["Origin"] = "https://evil.example" });
        var opaque = await RawUpgrade.SendAsync(Host.HttpUri, path, new Dictionary<string, string> { ["Origin"] = "null" });
        var sameOrigin = await RawUpgrade.SendAsync(Host.HttpUri, path, new Dictionary<string, string> { ["Origin"] = own });
        var program = await RawUpgrade.SendAsync(Host.HttpUri, path);

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), foreign);
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), opaque);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, sameOrigin.Status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, program.Status);
    }

    [Fact]
    public async Task AnAllowedOriginsPagesMayOpenSockets()
    {
        await using var gateway = await GatewayHost.StartAsync("--Gateway:AllowedOrigins:0", "https://app.example.com");
        var path = $"/ws/conversation/origin-{Guid.NewGuid():N}";

        var allowed = await RawUpgrade.SendAsync(gateway.HttpUri, path, new Dictionary<string, string> { ["Origin"] = "https://app.example.com" });
        var otherPort = await RawUpgrade.SendAsync(gateway.HttpUri, path, new Dictionary<string, string> { ["Origin"] = "https://app.example.com:8443" });

        Assert.Equal(HttpStatusCode.SwitchingProtocols, allowed.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), otherPort);
    }

    [Fact]
    public async Task WithAuthenticationOffAPageThatRebindsItsHostNameToTheGatewayIsRefused()
    {
        // DNS rebinding: evil.example now resolves to the gateway's address, so the attacker's page is
        // same-origin with what it reaches; only the name it used gives it away.
        var rebound = $"evil.example:{Host.HttpUri.Port}";
        var headers = new Dictionary<string, string> { ["Host"] = rebound, ["Origin"] = $"http://{rebound}" };

        var socket = await RawUpgrade.SendAsync(Host.HttpUri, $"/ws/conversation/origin-{Guid.NewGuid():N}", headers);
        using var http = new HttpClient { BaseAddress = Host.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conversations?user_id=victim");
        request.Headers.Host = rebound;
        using var api = await http.SendAsync(request);
        using var local = await http.GetAsync(new Uri("/conversations?user_id=victim", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Forbidden, "UNAUTHORIZED"), socket);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }
}
