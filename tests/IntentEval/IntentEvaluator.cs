using Conversations.Grains.Intents;
using Conversations.Grains.StateMachine;

namespace Conversations.IntentEval;

/// <summary>Runs the local classifier and the state machine over a labelled set.</summary>
public static class IntentEvaluator
{
    /// <summary>Classifies every message and compares intent and next state with the labels.</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<LabelledMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var classifier = new IntentClassifier();
        var machine = new ConversationStateMachine();
        var confusion = new Dictionary<(string, string), int>();
        var misses = new List<(LabelledMessage, string)>();
        var correctStates = 0;
        foreach (var message in messages)
        {
            var intent = classifier.Classify(message.Text);
            confusion[(message.Intent, intent.Name)] = confusion.GetValueOrDefault((message.Intent, intent.Name)) + 1;
            if (intent.Name != message.Intent)
            {
                misses.Add((message, intent.Name));
            }

            if (machine.Decide(message.State, intent).To == message.NextState)
            {
                correctStates++;
            }
        }

        var heldOut = messages.Count(m => m.HeldOut);
        var heldOutMissed = misses.Count(m => m.Item1.HeldOut);
        return new EvaluationResult(messages.Count, messages.Count - misses.Count, correctStates, heldOut, heldOut - heldOutMissed, confusion, misses);
    }
}
