using Conversations.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests.Cluster;

/// <summary>The production grain set-up with memory storage; replies paced at 25 ms a piece.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator, IHostConfigurator
{
    public void Configure(IHostBuilder hostBuilder) =>
        hostBuilder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Responders:Offline:ChunkDelay"] = "00:00:00.025",
        }));

    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddConversationGrains(new ClusterSettings());
}
