using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.StateMachine;

namespace Conversations.IntentEval;

/// <summary>Runs a classifier and the state machine over a labelled set.</summary>
public static class IntentEvaluator
{
    /// <summary>Classifies every message with <paramref name="classify"/> and compares intent and next state with the labels.</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<LabelledMessage> messages, Func<string, Intent> classify)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(classify);
        var machine = new ConversationStateMachine();
        var confusion = new Dictionary<(string, string), int>();
        var misses = new List<(LabelledMessage, string)>();
        var outcomes = new List<(double, bool)>();
        var correctStates = 0;
        foreach (var message in messages)
        {
            var intent = classify(message.Text);
            confusion[(message.Intent, intent.Name)] = confusion.GetValueOrDefault((message.Intent, intent.Name)) + 1;
            outcomes.Add((intent.Confidence, intent.Name == message.Intent));
            if (intent.Name != message.Intent)
            {
                misses.Add((message, intent.Name));
            }

            if (machine.Decide(message.State, intent).To == message.NextState)
            {
                correctStates++;
            }
        }

        return new EvaluationResult(messages.Count, messages.Count - misses.Count, correctStates, confusion, misses, outcomes);
    }
}
