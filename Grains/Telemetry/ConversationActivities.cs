using System.Diagnostics;

namespace Conversations.Grains.Telemetry;

/// <summary>The spans of a turn: one source for gateway, grain and model, named like the meter.</summary>
public static class ConversationActivities
{
    /// <summary>The activity source that OpenTelemetry listens to.</summary>
    public static readonly ActivitySource Source = new(ConversationInstruments.MeterName);
}
