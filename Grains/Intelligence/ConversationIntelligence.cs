using System.Collections.Immutable;
using Conversations.Grains.Domain;
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
    IOptionsMonitor<IntelligenceOptions> options,
    DomainPackSource? packs = null)
{
    /// <summary>The reason given when the user asked for a person.</summary>
    public const string UserAskedReason = "user_requested";

    /// <summary>The reason given when the escalation likelihood reached the threshold.</summary>
    public const string ThresholdReason = "escalation_threshold";

    private const double AnswerConfidence = 0.95;

    // Intents of a reply that goes along with the question or ignores it: these never drop an interrupt. A pack's
    // input may hold on to more (in DM sales a purchase stays on the question for an address, since closing needs
    // it first, not on the one for a team size: someone who says "let's do it" to a quote moves on to closing).
    private static readonly HashSet<string> StayOnQuestion =
    [
        IntentNames.Unknown, IntentNames.Affirmation, IntentNames.SmallTalk, IntentNames.Greeting,
        IntentNames.Question,
    ];

    private readonly DomainPackSource _packs = packs ?? new DomainPackSource(DomainPackSource.Default);

    /// <summary>Judges a user message.</summary>
    /// <param name="previous">The signals after the previous turn.</param>
    /// <param name="waiting">The interrupt the conversation waits on, if any.</param>
    /// <param name="text">The user's message.</param>
    /// <param name="classified">The classifier's intent for <paramref name="text"/>.</param>
    /// <param name="state">The conversation's state before this message; the pack may say what an intent means in it.</param>
    public TurnInsight Assess(ConversationSignals previous, WaitingForInput? waiting, string text, Intent classified, ConversationState? state = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(classified);
        if (state is { } current && _packs.Current.State(current).Intents.TryGetValue(classified.Name, out var meant))
        {
            classified = classified with { Name = meant };
        }

        // A question the pack in use does not ask (it was reloaded meanwhile) no longer holds the conversation.
        if (waiting is not null && _packs.Current.Input(waiting.ExpectedInput) is null)
        {
            waiting = null;
        }

        var intent = classified;
        var signals = slotExtractor.Extract(text, previous);
        WaitingForInput? reask = null;
        string? answered = null;
        if (waiting is not null)
        {
            var input = _packs.Current.Input(waiting.ExpectedInput);
            var answer = inputValidator.Validate(waiting.ExpectedInput, text);
            if (answer.Valid)
            {
                (intent, signals) = Answered(waiting.ExpectedInput, input?.AnswerIntent, answer.Value!, signals);
                answered = waiting.ExpectedInput;
            }
            else if (StayOnQuestion.Contains(classified.Name)
                || (input is not null && input.HoldOn.Contains(classified.Name, StringComparer.Ordinal))
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

    // A valid answer stands for the intent the pack gives it, which moves the conversation on (in the DM sales
    // pack an address to close is a purchase, a team size a pricing question); the value is kept.
    private static (Intent Intent, ConversationSignals Signals) Answered(string expectedInput, string? answerIntent, string value, ConversationSignals signals)
    {
        var intent = new Intent(answerIntent ?? (expectedInput == ExpectedInputs.Email ? IntentNames.Purchase : IntentNames.Pricing), AnswerConfidence);
        return expectedInput switch
        {
            ExpectedInputs.Email => (intent, signals with { Email = value }),
            ExpectedInputs.TeamSize => (intent, signals with { TeamSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }),
            _ => (intent, signals with { Inputs = (signals.Inputs ?? ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)).SetItem(expectedInput, value) }),
        };
    }
}
