using Conversations.Tests.Support.Models;

namespace Conversations.Gateway.Tests.Models;

/// <summary>A test model server and a gateway whose replies come from it through the OpenAI client.</summary>
public sealed class ModelGatewayFixture : IAsyncLifetime
{
    public const string Model = "test-model";
    public const string ApiKey = "test-key";

    public ModelServer Server { get; private set; } = null!;

    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ModelServer.StartAsync();
        Host = await StartGatewayAsync(Server, "--Responders:CircuitBreaker:FailureThreshold", "1000");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>A gateway answering from <paramref name="server"/> with the OpenAI provider and default deadlines.</summary>
    public static Task<GatewayHost> StartGatewayAsync(ModelServer server, params string[] settings) =>
        GatewayHost.StartAsync(
        [
            "--Responders:Provider", "openai",
            "--Responders:OpenAI:BaseUrl", server.OpenAIBaseUrl,
            "--Responders:OpenAI:Model", Model,
            "--Responders:OpenAI:ApiKey", ApiKey,
            .. settings,
        ]);
}

[CollectionDefinition(Name)]
public sealed class ModelCollection : ICollectionFixture<ModelGatewayFixture>
{
    public const string Name = "models";
}
