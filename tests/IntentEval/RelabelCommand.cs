using System.Text;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.StateMachine;

namespace Conversations.IntentEval;

/// <summary>
/// <c>--relabel</c>: rewrites the next_state column of the three labelled files from their state and intent
/// under the current transition rules (the column says where the rules take a correctly classified message).
/// </summary>
public static class RelabelCommand
{
    /// <summary>Rewrites the files in the source tree.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var machine = new ConversationStateMachine();
        foreach (var name in new[] { "intents.csv", "intents-test.csv", "intents-fresh.csv" })
        {
            var path = RepositoryFiles.Path(Path.Combine("tests", "data", name));
            var messages = LabelledSet.Load(path, heldOut: false);
            var text = new StringBuilder("text,state,intent,next_state\n");
            var changed = 0;
            foreach (var m in messages)
            {
                var next = machine.Decide(m.State, new Intent(m.Intent, 1)).To;
                changed += next == m.NextState ? 0 : 1;
                text.Append(Quote(m.Text)).Append(',').Append(m.State.ToWireName()).Append(',').Append(m.Intent).Append(',').Append(next.ToWireName()).Append('\n');
            }

            File.WriteAllText(path, text.ToString());
            output.WriteLine($"{name}: {changed} of {messages.Count} next states changed");
        }

        return 0;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
