using Conversations.Gateway.Analytics;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Dialects;
using Conversations.Gateway.Operator;
using Conversations.Gateway.Streaming;
using Conversations.Gateway.Webhooks;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Health;
using Conversations.Grains.Hosting;
using Conversations.Grains.Settings;
using Conversations.Silo.Health;
using Conversations.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Hosting;

/// <summary>Registers and maps the WebSocket gateway.</summary>
public static class GatewayServiceExtensions
{
    /// <summary>The gateway's services: options, connections, the frame feed and health checks.</summary>
    public static WebApplicationBuilder AddConversationsGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart().ReloadLive();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InboundFrameParser>();
        services.AddSingleton<IConversationFeed, OrleansConversationFeed>();
        services.AddSingleton<TransientRetry>();
        services.AddSingleton<ConversationConnectionFactory>();
        services.AddSingleton<ConnectionAdmission>();
        services.AddSingleton<ClusterStatus>();
        services.AddSingleton<UpgradeRateLimiter>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<SocketTickets>();
        services.AddConversationsApi();
        services.AddConversationOperators();

        // An exception that escapes any HTTP endpoint is answered with our error body in RFC 9457 form.
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        builder.AddConversationDialects();

        // Registered after the Orleans host, so it is stopped (and drains its sockets) before Orleans stops.
        services.AddSingleton<ConnectionRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<ConnectionRegistry>());
        services.AddHostedService<StartupBanner>();
        if (builder.Configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Mode)}", GatewayMode.Embedded) == GatewayMode.Client)
        {
            // An embedded silo is in this process: only a client can lose the cluster.
            services.AddHostedService<ClusterWatch>();
        }

        services.AddHealthChecks().AddClusterCheck();
        return builder;
    }

    /// <summary>The gateway's endpoints: the conversation WebSocket, health, and the chat page at <c>/</c>.</summary>
    public static WebApplication MapConversationsGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var origins = app.Services.GetRequiredService<OriginPolicy>();

        // First, so that it sees every exception the rest of the pipeline lets escape.
        app.UseExceptionHandler();
        app.Use(async (http, next) =>
        {
            // With authentication off, a page that rebinds its DNS name to this address is refused here.
            if (origins.CheckHost(http.Request) is { } refusal)
            {
                await refusal.WriteAsync(http);
                return;
            }

            await next(http);
        });
        app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });

        // After the WebSocket middleware, so the token handler knows an upgrade when it sees one.
        if (app.Services.GetRequiredService<CallerIdentity>().Enabled)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        // After authentication, so the HTTP API is limited per user.
        app.UseRateLimiter();

        // Refusals made before a handler runs (an unknown route, a wrong method or content type, a missing
        // token) get the same JSON error body as the handlers' own.
        app.UseStatusCodePages(ErrorBodies.WriteAsync);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapConversationsHealth();
        app.MapConnectionStatistics();
        app.MapConversationAnalytics();
        app.MapWebhookDeadLetters();
        app.MapConversationsDashboard(dashboard => dashboard.RequireConversationsOperator(app.Services));
        app.MapConversationWebSocket();
        app.MapConversationDialects();
        app.MapConversationsApi();
        app.MapConversationOperators();
        return app;
    }
}
