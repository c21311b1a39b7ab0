using System.Text;
using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Benchmarks;

/// <summary>Realistic inputs shared by the benchmarks: frames and a conversation checkpoint as the system makes them.</summary>
public static class Samples
{
    /// <summary>User messages of the kind the load tool sends.</summary>
    public static readonly string[] Messages =
    [
        "Hi, we are looking for a CRM for our sales team",
        "We are about 25 people in sales",
        "Tell me more about the features",
        "What does it cost per user?",
        "That sounds too expensive for us, honestly",
        "Can it integrate with our email?",
        "Great, we would like to go ahead",
    ];

    public static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A <c>user_message</c> frame as a client sends it.</summary>
    public static byte[] UserMessageFrame { get; } =
        Encoding.UTF8.GetBytes("""{"type":"user_message","id":"m-000042","content":"Hi, we are looking for a CRM for our sales team of 25 people","user_name":"Ana"}""");

    /// <summary>
    /// The checkpoint of a conversation after <paramref name="turns"/> turns with the default limits (10 recent
    /// turns, replay window of 10 turns), in the format stored before the log: replay window and seq included.
    /// </summary>
    public static LegacyCheckpoint Checkpoint(int turns, string conversationId = "bench-conversation-0001")
    {
        var checkpoint = new LegacyCheckpoint { CreatedAt = Now, UpdatedAt = Now, UserId = "user-1", UserName = "Ana", RetentionScheduled = true };
        long seq = 0;
        var state = ConversationState.InitialContact;
        var reply = "Great, Ana! We help a lot of teams with CRM. How large is your team, and what do you use today? " +
            "Most teams of your size start with the standard plan and grow from there.";
        for (var turn = 1; turn <= turns; turn++)
        {
            var message = Messages[turn % Messages.Length];
            var next = (ConversationState)(turn % 6);
            var frames = new List<LogFrame>
            {
                LogFrames.Ack(Header(conversationId, ++seq), turn, $"m{turn}"),
                LogFrames.Processing(Header(conversationId, ++seq), turn, restarted: false),
                LogFrames.ProcessingStep(Header(conversationId, ++seq), turn, "intent_classification", "Understanding your message"),
                LogFrames.ProcessingStep(Header(conversationId, ++seq), turn, "generating", "Writing a reply"),
            };
            foreach (var piece in reply.Chunk(24))
            {
                frames.Add(LogFrames.Delta(Header(conversationId, ++seq), turn, new string(piece)));
            }

            frames.Add(LogFrames.StateChanged(Header(conversationId, ++seq), turn, state, next, "intent interest"));
            frames.Add(LogFrames.AssistantMessage(
                Header(conversationId, ++seq), turn, reply, next, state, new Intent("interest", 0.75),
                new AssistantMessageMetadata(171, "offline", Persona: Persona.Sales, Tone: Tone.Helpful, Frustration: 0, EscalationLikelihood: 0, ConversionProbability: 0.12)));

            checkpoint.ReplayWindow.AddRange(frames);
            checkpoint.History.Add(new StateTransitionRecord(state, next, "intent interest", turn, Now));
            checkpoint.RecentTurns.Add(new TurnSummary(turn, message, reply, state, next, new Intent("interest", 0.75), 171, Cancelled: false, Responder: "offline"));
            checkpoint.ProcessedMessages.Add(new ProcessedMessage($"m{turn}", turn, seq - frames.Count + 1, Now));
            state = next;
        }

        // The grain keeps the last 10 turns whole and the replay window of the last 10 turns.
        var firstKept = Math.Max(1, turns - 9);
        checkpoint.RecentTurns.RemoveAll(t => t.Turn < firstKept);
        checkpoint.ReplayWindow.RemoveAll(f => f.Turn < firstKept);
        checkpoint.Summary = $"{turns} turns, now in {state}. The user asked about a CRM for a sales team of 25 and its price.";
        checkpoint.TurnCount = turns;
        checkpoint.CompletedReplies = turns;
        checkpoint.Seq = seq;
        checkpoint.State = state;
        return checkpoint;
    }

    /// <summary>The frames of one turn of <see cref="Checkpoint"/> (ack to assistant_message, 13 frames).</summary>
    public static IReadOnlyList<LogFrame> LastTurn(LegacyCheckpoint checkpoint) =>
        checkpoint.ReplayWindow.Where(f => f.Turn == checkpoint.TurnCount).ToArray();

    private static FrameHeader Header(string conversationId, long seq) => new(conversationId, seq, Now);
}
