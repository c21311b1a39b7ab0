using System.Globalization;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Hosting;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conversations.Gateway.Tests.Security;

// A silo with Cluster:Tls set, and Orleans clients set up as the gateway sets them up, over loopback.
public sealed class ClusterTlsTests : IDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly TestCertificates _cluster = TestCertificates.CreateAuthority("cluster-ca");
    private readonly TestCertificates _stranger = TestCertificates.CreateAuthority("another-ca");
    private readonly string _clusterId = $"tls-{Guid.NewGuid():N}";
    private readonly string _siloPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
    private readonly string _gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task OnlyAClientWithACertificateFromTheClustersAuthorityIsServed()
    {
        using var silo = await StartSiloAsync(_cluster.Settings("silo"));

        using var member = await StartClientAsync(_cluster.Settings("gateway"));
        var page = await member.Services.GetRequiredService<IClusterClient>().GetGrain<IUserConversationsGrain>("tls-user").GetPageAsync(1, 1);
        Assert.Equal(0, page.Total);

        // No TLS at all: what any pod that reaches port 30000 could try.
        await Assert.ThrowsAnyAsync<Exception>(async () => (await StartClientAsync([])).Dispose());

        // TLS with a certificate of its own making.
        await Assert.ThrowsAnyAsync<Exception>(async () => (await StartClientAsync(_stranger.Settings("intruder"))).Dispose());
    }

    [Fact]
    public async Task ASiloRefusesASiloWithoutTheClustersCertificateAsAPeer()
    {
        // A client that holds a certificate from the authority is served by the silo that has one, but a
        // silo with a stranger's certificate cannot even be reached by it: each side checks the other.
        using var silo = await StartSiloAsync(_stranger.Settings("rogue-silo"));

        await Assert.ThrowsAnyAsync<Exception>(async () => (await StartClientAsync(_cluster.Settings("gateway"))).Dispose());
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
