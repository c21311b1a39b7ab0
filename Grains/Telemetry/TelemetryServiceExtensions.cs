using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversations.Grains.Telemetry;

/// <summary>Registers the conversation instruments; exporting them is the web host's part (Silo's <c>AddConversationsTelemetry</c>).</summary>
public static class TelemetryServiceExtensions
{
    /// <summary>The instruments alone, for hosts that collect metrics their own way (test clusters).</summary>
    public static IServiceCollection AddConversationInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ConversationInstruments>();
        return services;
    }
}
