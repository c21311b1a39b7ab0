using Conversations.Grains.Interfaces;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Conversations.Grains.Tests.Cluster;

public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddMemoryStreams(ConversationStreams.ProviderName);
}
