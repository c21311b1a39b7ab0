using Conversations.Grains.Hosting;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Responders;
using Conversations.Grains.StateMachine;
using Conversations.Grains.Summaries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.IntentEval;

/// <summary>
/// Plays journeys through the conversation engine as the conversation grain does on the embedded default: the
/// silo's own services (classifier, judgement, state machine, offline responder with the knowledge base), one
/// turn after the other, with the checkpoint's signals, interrupt and recent turns carried between turns. No
/// cluster: the socket test plays one journey end to end through the gateway.
/// </summary>
public sealed class JourneyRunner : IDisposable
{
    private const int MaxReplyChars = 280;
    private const int RecentTurns = 10;

    private readonly ServiceProvider _services;
    private readonly IntentClassifier _classifier;
    private readonly ConversationIntelligence _intelligence;
    private readonly ConversationStateMachine _machine;
    private readonly OfflineResponder _responder;
    private readonly ConversationSummarizer _summarizer;

    /// <summary>An engine built from the silo's service registrations and an empty configuration (the defaults).</summary>
    public JourneyRunner()
        : this(null)
    {
    }

    /// <summary>An engine as <see cref="JourneyRunner()"/>, speaking the pack <paramref name="domain"/> (<c>Conversations:Domain</c>).</summary>
    public JourneyRunner(string? domain)
    {
        var settings = domain is null ? [] : new Dictionary<string, string?> { ["Conversations:Domain"] = domain };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddConversationEngine();
        _services = services.BuildServiceProvider();
        _classifier = _services.GetRequiredService<IntentClassifier>();
        _intelligence = _services.GetRequiredService<ConversationIntelligence>();
        _machine = _services.GetRequiredService<ConversationStateMachine>();
        _responder = _services.GetRequiredService<OfflineResponder>();
        _summarizer = _services.GetRequiredService<ConversationSummarizer>();
    }

    /// <summary>What decides intents: <c>model</c> or <c>cues</c>.</summary>
    public string ClassifierSource => _classifier.Source;

    /// <summary>Plays one journey from a new conversation.</summary>
    public async Task<IReadOnlyList<JourneyTurnResult>> PlayAsync(Journey journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var state = ConversationState.InitialContact;
        var signals = ConversationSignals.Initial;
        WaitingForInput? waiting = null;
        var recent = new List<TurnSummary>();
        var summary = string.Empty;
        var results = new List<JourneyTurnResult>();
        for (var turn = 1; turn <= journey.Turns.Count; turn++)
        {
            var text = journey.Turns[turn - 1].Text;
            var classified = _classifier.Classify(text);
            if (signals.HandedOff)
            {
                results.Add(new JourneyTurnResult(journey.Turns[turn - 1], classified, state, string.Empty, null, null, signals.Frustration, true));
                continue;
            }

            var insight = _intelligence.Assess(signals, waiting, text, classified, state);
            var decision = insight.HandsOff || insight.Reask is not null
                ? ConversationStateMachine.Decide(state, state, "stays")
                : _machine.Decide(state, insight.Intent);
            var context = new ReplyContext(
                journey.Name,
                turn,
                text,
                journey.UserName,
                insight.Intent,
                decision.To,
                decision.From,
                recent.ToArray(),
                summary,
                MaxReplyChars,
                insight.Signals.Persona,
                insight.Signals.Tone,
                insight.Reask,
                insight.HandsOff,
                insight.Answered == ExpectedInputs.TeamSize ? insight.Signals.TeamSize : null,
                insight.Signals);
            var reply = await _responder.WriteAsync(context, CancellationToken.None);
            signals = _intelligence.Conclude(insight, decision.To);
            waiting = _intelligence.NextInterrupt(insight, decision.To, signals);
            state = decision.To;
            recent.Add(new TurnSummary(turn, text, reply.Text, decision.From, decision.To, insight.Intent, 0, false, null, OfflineReplyGenerator.ResponderName, insight.HandsOff));
            if (recent.Count > RecentTurns)
            {
                summary = _summarizer.Fold(summary, recent[0]);
                recent.RemoveAt(0);
            }

            results.Add(new JourneyTurnResult(journey.Turns[turn - 1], insight.Intent, state, reply.Text, reply.ArticleId, waiting?.ExpectedInput, signals.Frustration, signals.HandedOff));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
