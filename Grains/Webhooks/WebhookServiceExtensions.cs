using System.Net;
using Conversations.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Webhooks;

/// <summary>Registers the webhook queue, its sender and the dead-letter store in a silo.</summary>
public static class WebhookServiceExtensions
{
    /// <summary>
    /// Webhooks from <c>Conversations:Webhooks</c>; dead letters in PostgreSQL when the storage is PostgreSQL,
    /// in memory otherwise.
    /// </summary>
    public static IServiceCollection AddConversationWebhooks(this IServiceCollection services, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<WebhookInstruments>();
        if (settings.Storage == StorageMode.Postgres)
        {
            services.TryAddSingleton<IWebhookDeadLetterStore, PostgresWebhookDeadLetterStore>();
        }
        else
        {
            services.TryAddSingleton<IWebhookDeadLetterStore, MemoryWebhookDeadLetterStore>();
        }

        services.AddHttpClient(WebhookSender.HttpClientName, client =>
            {
                // Each attempt has its own deadline (RequestTimeout), set by the sender's pipeline.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Conversations-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A signed event goes where it was configured to go, and nowhere a redirect points.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            });
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookDispatcher>();
        services.TryAddSingleton<IWebhookPublisher>(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
