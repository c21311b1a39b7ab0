using Conversations.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>The gateway in its embedded default (silo in-process), listening on a free loopback port.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private GatewayHost(WebApplication app, Uri httpUri)
    {
        App = app;
        HttpUri = httpUri;
        WebSocketUri = new UriBuilder(httpUri) { Scheme = "ws" }.Uri;
    }

    public WebApplication App { get; }

    public Uri HttpUri { get; }

    public Uri WebSocketUri { get; }

    public static Task<GatewayHost> StartAsync(params string[] settings) => StartAsync(static _ => { }, settings);

    /// <summary>Starts the gateway with endpoints of the test's own mapped beside the gateway's.</summary>
    public static async Task<GatewayHost> StartAsync(Action<WebApplication> map, params string[] settings)
    {
        ArgumentNullException.ThrowIfNull(map);
        string[] args =
        [
            "--contentRoot", AppContext.BaseDirectory,
            "--urls", "http://127.0.0.1:0",
            "--Cluster:ClusterId", $"test-{Guid.NewGuid():N}",
            "--Cluster:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Cluster:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Responders:Offline:ChunkDelay", "00:00:00.025",
            "--Logging:LogLevel:Default", "Warning",

            // Tests share a gateway and one loopback address; the HTTP rate limit has a test of its own.
            "--Gateway:HttpRequestsPerSecond", "10000",
            "--Gateway:HttpRequestBurst", "10000",
            "--Gateway:UpgradesPerSecond", "10000",
            "--Gateway:UpgradeBurst", "10000",
            .. settings,
        ];
        var app = GatewayApp.Build(args);
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayHost(app, new Uri(address));
    }

    public Task<ProtocolClient> ConnectAsync(string conversationId, long? lastSeq = null, string? query = null) =>
        ProtocolClient.ConnectAsync(WebSocketUri, conversationId, lastSeq, query);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
