using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Dialects;

/// <summary>
/// How one kind of client speaks on a socket: how its frames become protocol frames, and how the conversation's
/// log frames and the gateway's notices look to it. A dialect is a translation only: it holds no conversation
/// state, and every turn goes to the same conversation grain whatever dialect sent it.
/// </summary>
internal interface ISocketDialect
{
    /// <summary>The dialect's name, for logs and metrics.</summary>
    string Name { get; }

    /// <summary>
    /// Whether a client that gives no <c>last_seq</c> starts at the end of the log (its clients keep no
    /// <c>seq</c>, so replaying the whole window would show them every reply again) rather than at its start.
    /// </summary>
    bool StartsAtEnd { get; }

    /// <summary>Reads one client text frame as a protocol frame, or the error to answer it with.</summary>
    /// <param name="conversationId">The conversation the socket is on (some dialects derive message ids from it).</param>
    /// <param name="utf8Json">The frame.</param>
    InboundFrame Parse(string conversationId, ReadOnlySpan<byte> utf8Json);

    /// <summary>A log frame as this client sees it, or <see langword="null"/> when it has no such frame (it is skipped, its seq counted as sent).</summary>
    byte[]? Log(byte[] json);

    /// <summary>The frame sent first on a connection, before anything of the conversation, or <see langword="null"/> for none.</summary>
    byte[]? Greeting(DateTime now, string conversationId);

    /// <summary>The notice that opens a connection to a conversation with turns, or <see langword="null"/>.</summary>
    byte[]? Resumed(DateTime now, ConversationSnapshot snapshot);

    /// <summary>The notice that the frames asked for are older than the replay window, or <see langword="null"/>.</summary>
    byte[]? ResyncRequired(DateTime now, ConversationSnapshot snapshot, long requestedLastSeq);

    /// <summary>The notice to reconnect elsewhere (before close code 1012), or <see langword="null"/>.</summary>
    byte[]? Reconnect(DateTime now, string conversationId, string reason, string cause);

    /// <summary>An error that is not part of the log (a refused frame, a failed call).</summary>
    byte[] Error(DateTime now, string conversationId, DialectError error);

    /// <summary>The answer to a client's ping.</summary>
    byte[] Pong(DateTime now);
}
