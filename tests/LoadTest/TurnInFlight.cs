namespace Conversations.LoadTest;

/// <summary>The turn a connection is waiting for: when it was started and what has arrived so far.</summary>
internal sealed class TurnInFlight(int number, string messageId, byte[] frame, long startedAt)
{
    /// <summary>The user_message as sent, to send again unchanged (same id) when the server asks for a retry.</summary>
    public byte[] Frame { get; } = frame;

    /// <summary>Times the message was sent again after a retryable error.</summary>
    public int Retries { get; set; }

    /// <summary>The turn number the conversation will give it (turns are sent one at a time on a fresh conversation).</summary>
    public int Number { get; } = number;

    public string MessageId { get; } = messageId;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp the latencies count from.</summary>
    public long StartedAt { get; } = startedAt;

    public bool Acked { get; set; }

    /// <summary>The message was sent again on a new socket because no ack had arrived before the old one went.</summary>
    public bool Resent { get; set; }

    public bool SawDelta { get; set; }

    /// <summary>The socket was dropped during the turn: its latencies include a reconnect and are not recorded.</summary>
    public bool Disturbed { get; set; }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
