using Conversations.Gateway.Dialects.MeetingMuse;
using Conversations.Gateway.WebSockets;

namespace Conversations.Gateway.Dialects;

/// <summary>Registers and maps the dialects of earlier systems' clients, each over the same conversation grains.</summary>
public static class DialectServiceExtensions
{
    /// <summary>The dialects' services and settings (earlier systems' setting names included).</summary>
    public static WebApplicationBuilder AddConversationDialects(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddMeetingMuseSettingNames();
        var services = builder.Services;
        services.AddOptions<MeetingMuseOptions>().BindConfiguration(MeetingMuseOptions.SectionName);
        services.AddSingleton<NativeDialect>();
        services.AddSingleton<MeetingMuseDialect>();
        return builder;
    }

    /// <summary>The dialects' endpoints.</summary>
    public static IEndpointRouteBuilder MapConversationDialects(this IEndpointRouteBuilder endpoints)
    {
        // MeetingMuse: the client id is the conversation.
        endpoints.Map("/ws/{client_id}", (HttpContext http, string client_id, MeetingMuseDialect dialect) =>
            ConversationEndpoint.ServeAsync(http, client_id, dialect));
        return endpoints;
    }
}
