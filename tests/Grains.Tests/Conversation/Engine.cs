using Conversations.Grains.Conversation;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Settings;
using Conversations.Grains.StateMachine;
using Conversations.Grains.Summaries;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Conversation;

/// <summary>The conversation's pure core, put together as the silo does, without a cluster.</summary>
internal static class Engine
{
    public static ConversationIntelligence Intelligence { get; } = new(
        new FrustrationMeter(),
        new ToneSelector(),
        new EscalationEstimator(),
        new PersonaRouter(),
        new ConversionEstimator(),
        new InterruptPlanner(),
        new InputValidator(),
        new SlotExtractor(),
        new FixedOptionsMonitor<IntelligenceOptions>(new IntelligenceOptions()));

    public static TurnRules Rules(ConversationOptions? options = null) =>
        new(Intelligence, new ConversationStateMachine(), new IntentClassifier(), Options.Create(options ?? new ConversationOptions()));

    public static ChangeApplier Applier(ConversationOptions? options = null) =>
        new(new ConversationSummarizer(), Options.Create(options ?? new ConversationOptions()));
}
