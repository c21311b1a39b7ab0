namespace Conversations.LoadTest;

/// <summary>One turn of a connection: when it was started and when its reply ended it (Stopwatch timestamps).</summary>
/// <param name="Start">When the user message was due (sent, or scheduled in the open loop).</param>
/// <param name="End">When <c>assistant_message</c> (or a turn-ending error) arrived; null if it never did.</param>
internal readonly record struct TurnSpan(long Start, long? End);
