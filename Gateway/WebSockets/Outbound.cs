using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.WebSockets;

/// <summary>One item for a connection's send loop.</summary>
internal readonly record struct Outbound(OutboundKind Kind, byte[]? Json, long Seq, bool EndsTurn = false, IReadOnlyList<LogFrame>? Frames = null)
{
    /// <summary>A log frame: sent once, in seq order, skipped if already sent.</summary>
    public static Outbound Log(LogFrame frame) => new(OutboundKind.Log, frame.Json, frame.Seq, frame.EndsTurn);

    /// <summary>
    /// A replay: log frames the grain returned for a resume, sent in order like <see cref="Log"/> items. One
    /// item for the whole replay, so that a replay longer than the queue does not count the client as slow
    /// (the replay window bounds it, and its frames are in memory already).
    /// </summary>
    public static Outbound Replay(IReadOnlyList<LogFrame> frames) => new(OutboundKind.Replay, null, 0, Frames: frames);

    /// <summary>A frame sent as it is: notices, errors, pongs, and an ack repeated for a resent message id.</summary>
    public static Outbound Direct(byte[] json) => new(OutboundKind.Direct, json, 0);

    /// <summary>Sets the highest seq the client has: frames up to it are not sent again.</summary>
    public static Outbound Cursor(long seq) => new(OutboundKind.Cursor, null, seq);

    /// <summary>Asks the grain for frames after the last one sent: the stream went quiet during a turn.</summary>
    public static Outbound Refresh { get; } = new(OutboundKind.Refresh, null, 0);
}

/// <summary>What an <see cref="Outbound"/> item is.</summary>
internal enum OutboundKind
{
    Log,
    Direct,
    Cursor,
    Refresh,
    Replay,
}
