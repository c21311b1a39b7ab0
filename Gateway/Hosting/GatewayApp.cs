using Conversations.Gateway.Auth;
using Conversations.Silo.Telemetry;

namespace Conversations.Gateway.Hosting;

/// <summary>The gateway application, built the same way by <c>Program</c> and by the tests.</summary>
public static class GatewayApp
{
    /// <summary>Builds the gateway from command-line arguments, environment and <c>appsettings.json</c>.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddConversationsCluster();
        builder.AddConversationsAuth();
        builder.AddConversationsGateway();
        builder.AddConversationsTelemetry();

        var app = builder.Build();
        app.MapConversationsGateway();
        app.MapConversationsTelemetry();
        return app;
    }
}
