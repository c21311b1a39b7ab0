using Conversations.Grains.Health;
using Conversations.Silo.Health;
using Conversations.Silo.Telemetry;

namespace Conversations.Silo.Hosting;

/// <summary>
/// A silo process: hosts conversation grains and answers health probes over HTTP. Gateways connect to it
/// as Orleans clients.
/// </summary>
public static class SiloApp
{
    /// <summary>Builds the silo from command-line arguments, environment and <c>appsettings.json</c>.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddConversationsSilo();
        builder.AddConversationsTelemetry();
        builder.Services.AddHealthChecks().AddClusterCheck();

        var app = builder.Build();
        app.MapConversationsHealth();
        app.MapConversationsTelemetry();
        app.MapConversationsDashboard();
        return app;
    }
}
