using Conversations.Gateway.Api;
using Conversations.Grains.Hosting;
using Conversations.Grains.Telemetry;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Hosting;

/// <summary>
/// Says in the log, once the gateway listens, where its main endpoints are (one message per address) and how
/// durable its storage is.
/// </summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<GatewayOptions> options,
    IOptions<TelemetryOptions> telemetry,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var http = address.TrimEnd('/');
            var ws = http.Replace("http://", "ws://", StringComparison.Ordinal).Replace("https://", "wss://", StringComparison.Ordinal);
            var page = http + "/";
            var socket = ws + "/ws/conversation/{conversationId}";
            var reference = http + ConversationApiEndpoints.ReferencePath;
            var document = http + ConversationApiEndpoints.OpenApiPath;
            var health = http + "/health/ready";
            var metrics = http + telemetry.Value.MetricsPath;
            LogListening(page, http + "/operator/", socket, reference, document, health, metrics);
        }

        var storage = configuration.GetValue($"{ClusterSettings.SectionName}:{nameof(ClusterSettings.Storage)}", StorageMode.Memory);
        if (options.Value.Mode == GatewayMode.Embedded && storage == StorageMode.Memory)
        {
            LogNotDurable();
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Conversations gateway: chat page at {PageUrl}, operator page at {OperatorPageUrl}, WebSocket at {WebSocketUrl}, API reference at {ApiReferenceUrl} (OpenAPI document {OpenApiUrl}; every request in Gateway/Gateway.http), health at {HealthUrl}, metrics at {MetricsUrl}")]
    private partial void LogListening(string pageUrl, string operatorPageUrl, string webSocketUrl, string apiReferenceUrl, string openApiUrl, string healthUrl, string metricsUrl);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Embedded mode with in-memory storage: conversations are NOT durable and are lost when this process stops. Configure Cluster:Storage for durable storage.")]
    private partial void LogNotDurable();
}
