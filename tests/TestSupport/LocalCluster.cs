using System.Globalization;

namespace Conversations.Tests.Support;

/// <summary>
/// Silos and gateways as separate processes on loopback, clustered and stored through one PostgreSQL
/// database, the way a multi-node deployment runs.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(string clusterId, List<ServiceProcess> silos, List<ServiceProcess> gateways)
    {
        ClusterId = clusterId;
        Silos = silos;
        Gateways = gateways;
    }

    public string ClusterId { get; }

    public List<ServiceProcess> Silos { get; }

    public List<ServiceProcess> Gateways { get; }

    public IReadOnlyList<Uri> GatewayUris => Gateways.Select(g => g.WebSocketUri).ToArray();

    public static async Task<LocalCluster> StartAsync(string connectionString, int silos, int gateways, IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        Dictionary<string, string> Common() => new()
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Cluster:Clustering"] = "Postgres",
            ["Cluster:Storage"] = "Postgres",
            ["Cluster:ClusterId"] = clusterId,
        };

        var siloProcesses = new List<ServiceProcess>();
        for (var i = 0; i < silos; i++)
        {
            var settings = Common();
            settings["Cluster:MigrateOnStart"] = "true";
            settings["Cluster:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            settings["Cluster:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in siloSettings ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            siloProcesses.Add(await ServiceProcess.StartSiloAsync(settings));
        }

        var gatewayProcesses = await Task.WhenAll(Enumerable.Range(0, gateways).Select(_ =>
        {
            var settings = Common();
            settings["Gateway:Mode"] = "Client";

            // These processes are about failover and durability; authentication has tests of its own.
            settings["Auth:Enabled"] = "false";
            return ServiceProcess.StartGatewayAsync(settings);
        }));
        return new LocalCluster(clusterId, siloProcesses, [.. gatewayProcesses]);
    }

    /// <summary>Stops a process with SIGTERM and starts it again with the same settings and ports.</summary>
    public async Task RestartAsync(ServiceProcess process)
    {
        await process.TerminateAsync(TimeSpan.FromSeconds(60));
        await process.DisposeAsync();
        var isSilo = Silos.Remove(process);
        if (isSilo)
        {
            Silos.Add(await ServiceProcess.StartSiloAsync(process.Settings));
        }
        else
        {
            var index = Gateways.IndexOf(process);
            Gateways[index] = await ServiceProcess.StartGatewayAsync(process.Settings);
        }
    }

    /// <summary>The silo whose silo-to-silo port is <paramref name="port"/>.</summary>
    public ServiceProcess SiloWithPort(int port) =>
        Silos.Single(s => s.Settings["Cluster:SiloPort"] == port.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Gateways.Concat(Silos))
        {
            await process.DisposeAsync();
        }
    }
}
