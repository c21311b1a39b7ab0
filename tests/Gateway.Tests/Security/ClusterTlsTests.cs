using System.Globalization;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Hosting;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Security;
using Conversations.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Gateway.Tests.Security;

// A silo with Cluster:Tls set, and Orleans clients set up as the gateway sets them up, over loopback.
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Refusal = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(2);
    private readonly TestCertificates _cluster = TestCertificates.CreateAuthority("cluster-ca");
    private readonly TestCertificates _stranger = TestCertificates.CreateAuthority("another-ca");
    private readonly string _clusterId = $"tls-{Guid.NewGuid():N}";
    private readonly string _siloPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
    private readonly string _gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task OnlyAPeerWithACertificateFromTheClustersAuthorityIsServedOnEitherPort()
    {
        using var silo = await StartSiloAsync(_cluster.Settings("silo"));

        // A gateway set up as in the prod overlay is an Orleans client like any other.
        using var member = await StartClientAsync(_cluster.Settings("gateway"));
        var page = await member.Services.GetRequiredService<IClusterClient>().GetGrain<IUserConversationsGrain>("tls-user").GetPageAsync(1, 1);
        Assert.Equal(0, page.Total);

        // An Orleans client without TLS, as any pod that reaches port 30000 could run: never served (against a
        // silo without TLS it starts and answers within a second or two).
        await Assert.ThrowsAnyAsync<Exception>(() => CallWithoutTlsAsync(TimeSpan.FromSeconds(15)));

        using var own = _cluster.Load("peer");
        using var foreign = _stranger.Load("intruder");
        foreach (var port in new[] { int.Parse(_gatewayPort, CultureInfo.InvariantCulture), int.Parse(_siloPort, CultureInfo.InvariantCulture) })
        {
            // TLS without a certificate, or with one of its own making: the silo drops each.
            Assert.True(await TlsProbe.IsClosedWithinAsync(port, null, Refusal), $"port {port}: TLS without a certificate was kept");
            Assert.True(await TlsProbe.IsClosedWithinAsync(port, foreign, Refusal), $"port {port}: a stranger's certificate was kept");

            // The control: the same handshake with the authority's certificate is kept, waiting for Orleans.
            Assert.False(await TlsProbe.IsClosedWithinAsync(port, own, Kept), $"port {port}: the cluster's own certificate was refused");
        }
    }

    [Fact]
    public void APeerIsTrustedOnlyWithACertificateTheAuthorityIssued()
    {
        // The check both ends make of the other: a gateway of a silo it reaches, a silo of a client or silo.
        var settings = _cluster.Settings("gateway");
        using var certificates = ClusterCertificates.Load(new ClusterTlsSettings
        {
            CertificatePath = settings["Cluster:Tls:CertificatePath"],
            KeyPath = settings["Cluster:Tls:KeyPath"],
            CaPath = settings["Cluster:Tls:CaPath"],
        });
        using var sibling = _cluster.Load("silo");
        using var rogue = _stranger.Load("rogue-silo");

        Assert.True(certificates.IsIssuedByAuthority(sibling, null));
        Assert.False(certificates.IsIssuedByAuthority(rogue, null));
    }

    [Fact]
    public void MissingCertificateFilesStopStartUpNamingTheKey()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Tls:CertificatePath"] = Path.Combine(_cluster.Folder, "absent.crt"),
            ["Cluster:Tls:CaPath"] = _cluster.AuthorityPath,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var failure = Assert.ThrowsAny<Exception>(() => ClusterSettingsValidator.Read(configuration));

        Assert.Contains("Cluster:Tls:KeyPath is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Tls:CertificatePath: no file", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _stranger.Dispose();
    }

    private async Task<IHost> StartSiloAsync(Dictionary<string, string> tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Common(tls));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddConversationsSilo();
        var host = builder.Build();
        await host.StartAsync().WaitAsync(StartBound);
        return host;
    }

    private async Task<IHost> StartClientAsync(Dictionary<string, string> tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Common(tls));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = ClusterSettingsValidator.Read(builder.Configuration);
        builder.UseOrleansClient(client => client.AddConversationsClient(settings));
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(StartBound);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private async Task CallWithoutTlsAsync(TimeSpan bound)
    {
        using var deadline = new CancellationTokenSource(bound);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Common([]));
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        var settings = ClusterSettingsValidator.Read(builder.Configuration);
        builder.UseOrleansClient(client => client.AddConversationsClient(settings));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(deadline.Token).WaitAsync(deadline.Token);
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IUserConversationsGrain>("tls-user").GetPageAsync(1, 1).WaitAsync(deadline.Token);
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
            {
                // A client that never connected has nothing to stop.
            }
        }
    }

    private Dictionary<string, string?> Common(Dictionary<string, string> tls)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = _clusterId,
            ["Cluster:SiloPort"] = _siloPort,
            ["Cluster:GatewayPort"] = _gatewayPort,
        };
        foreach (var (key, value) in tls)
        {
            settings[key] = value;
        }

        return settings;
    }
}
