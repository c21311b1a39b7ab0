using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// The conversation engine's judgement of a turn, put together from its parts: interrupt answers, failed
/// fixes, frustration, escalation and hand-over, tone, persona, conversion probability. Pure: the grain
/// passes what it has stored and keeps what this returns.
/// </summary>
public sealed class ConversationIntelligence(
    FrustrationMeter frustrationMeter,
    ToneSelector toneSelector,
    EscalationEstimator escalationEstimator,
    PersonaRouter personaRouter,
    ConversionEstimator conversionEstimator,
    InterruptPlanner interruptPlanner,
    InputValidator inputValidator,
    SlotExtractor slotExtractor,
    IOptionsMonitor<IntelligenceOptions> options)
{
    /// <summary>The reason given when the user asked for a person.</summary>
    public const string UserAskedReason = "user_requested";

    /// <summary>The reason given when the escalation likelihood reached the threshold.</summary>
    public const string ThresholdReason = "escalation_threshold";

    private const double AnswerConfidence = 0.95;

    // Intents of a reply that goes along with the question or ignores it: these never drop an interrupt. A
    // purchase stays on the question for an address (closing needs it first), not on the one for a team size:
    // someone who says "let's do it" to a quote moves on to closing.
    private static readonly HashSet<string> StayOnQuestion =
    [
        IntentNames.Unknown, IntentNames.Affirmation, IntentNames.SmallTalk, IntentNames.Greeting,
        IntentNames.Question,
    ];

    /// <summary>Judges a user message.</summary>
    /// <param name="previous">The signals after the previous turn.</param>
    /// <param name="waiting">The interrupt the conversation waits on, if any.</param>
    /// <param name="text">The user's message.</param>
    /// <param name="classified">The classifier's intent for <paramref name="text"/>.</param>
    public TurnInsight Assess(ConversationSignals previous, WaitingForInput? waiting, string text, Intent classified)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(classified);
        var intent = classified;
        var signals = slotExtractor.Extract(text, previous);
        WaitingForInput? reask = null;
        string? answered = null;
        if (waiting is not null)
        {
            var answer = inputValidator.Validate(waiting.ExpectedInput, text);
            if (answer.Valid)
            {
                (intent, signals) = Answered(waiting.ExpectedInput, answer.Value!, signals);
                answered = waiting.ExpectedInput;
            }
            else if (StayOnQuestion.Contains(classified.Name)
                || (classified.Name == IntentNames.Purchase && waiting.ExpectedInput == ExpectedInputs.Email)
                || classified.Confidence < options.CurrentValue.InterruptEscapeConfidence)
            {
                reask = waiting;
            }
        }

        var failedAttempts = intent.Name switch
        {
            IntentNames.NotWorking => signals.FailedAttempts + 1,
            IntentNames.Affirmation or IntentNames.Purchase or IntentNames.PurchaseConfirmed or IntentNames.Interest
                or IntentNames.SmallTalk or IntentNames.Greeting => 0,
            _ => signals.FailedAttempts,
        };
        var frustration = frustrationMeter.Measure(text, failedAttempts, signals.Frustration);
        var escalation = escalationEstimator.Assess(intent, frustration, failedAttempts);
        var handoffReason = escalation.UserAsked ? UserAskedReason
            : escalation.ShouldHandOff(options.CurrentValue.HandoffThreshold) ? ThresholdReason
            : null;
        signals = signals with
        {
            Frustration = frustration,
            FailedAttempts = failedAttempts,
            Tone = toneSelector.Choose(frustration, failedAttempts, handoffReason is not null),
            Persona = personaRouter.Route(intent.Name, signals.Persona),
            EscalationLikelihood = escalation.Likelihood,
            HandedOff = handoffReason is not null,
        };
        return new TurnInsight(intent, signals, escalation, handoffReason, handoffReason is null ? reask : null, answered);
    }

    /// <summary>The signals once the turn's state is known: the conversion probability is updated.</summary>
    public ConversationSignals Conclude(TurnInsight insight, ConversationState stateAfter)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var signals = insight.Signals;
        return signals with
        {
            ConversionProbability = conversionEstimator.Update(
                signals.ConversionProbability, stateAfter, insight.Intent.Name, signals.Frustration),
        };
    }

    /// <summary>What the conversation waits for after the turn: the question asked again, a new one, or nothing.</summary>
    public WaitingForInput? NextInterrupt(TurnInsight insight, ConversationState stateAfter, ConversationSignals signals)
    {
        ArgumentNullException.ThrowIfNull(insight);
        return insight.HandsOff ? null : insight.Reask ?? interruptPlanner.For(stateAfter, signals);
    }

    // A valid answer stands for the intent that moves the sale on: an address to close is a purchase, a team
    // size is a pricing question.
    private static (Intent Intent, ConversationSignals Signals) Answered(string expectedInput, string value, ConversationSignals signals) =>
        expectedInput == ExpectedInputs.Email
            ? (new Intent(IntentNames.Purchase, AnswerConfidence), signals with { Email = value })
            : (new Intent(IntentNames.Pricing, AnswerConfidence), signals with { TeamSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });
}
