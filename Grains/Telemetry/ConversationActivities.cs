using System.Diagnostics;

namespace Conversations.Grains.Telemetry;

/// <summary>
/// The spans of a turn, on one source for gateway, grain and model, named like the meter: the gateway's
/// <see cref="Submit"/>, Orleans' call spans, the grain's <see cref="Turn"/> and its <see cref="Generate"/>.
/// </summary>
public static class ConversationActivities
{
    /// <summary>The activity source that OpenTelemetry listens to.</summary>
    public static readonly ActivitySource Source = new(ConversationInstruments.MeterName);

    /// <summary>The gateway received a user message and submits it to the conversation: the root of a turn's trace.</summary>
    public const string Submit = "conversation.submit";

    /// <summary>The grain answers a turn (classification, state machine, reply, commit).</summary>
    public const string Turn = "conversation.turn";

    /// <summary>The reply generator (the model, or the offline responder) writes the reply.</summary>
    public const string Generate = "conversation.generate";

    /// <summary>Tag: the conversation id.</summary>
    public const string ConversationIdTag = "conversation.id";

    /// <summary>Tag: the turn number.</summary>
    public const string TurnTag = "conversation.turn";

    /// <summary>Tag: the intent recognised.</summary>
    public const string IntentTag = "conversation.intent";

    /// <summary>Tag: the state after the turn.</summary>
    public const string StateTag = "conversation.state";

    /// <summary>Tag: who wrote the reply.</summary>
    public const string ResponderTag = "conversation.responder";
}
