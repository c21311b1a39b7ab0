using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Models;

/// <summary>What the model tests check on every turn.</summary>
internal static class ModelFrames
{
    /// <summary>
    /// The reply a client keeps: the deltas after the last <c>system/processing</c> with restarted = true
    /// (which voids the deltas before it), or all deltas of the turn when there is none.
    /// </summary>
    public static string KeptReply(IReadOnlyList<Frame> frames, int turn)
    {
        var ofTurn = frames.Where(f => f.Turn == turn).ToList();
        var restart = ofTurn.FindLastIndex(f => f.IsSystem("processing") && f.Root.GetProperty("metadata").TryGetProperty("restarted", out _));
        return string.Concat(ofTurn.Skip(restart + 1).Where(f => f.Type == "assistant_delta").Select(f => f.Delta));
    }

    public static string Responder(Frame reply) => reply.Root.GetProperty("metadata").GetProperty("responder").GetString()!;

    /// <summary>
    /// The conversation's checkpoint agrees with what the client saw: a client that resumes from zero is told
    /// the same last seq and is replayed the same frames, byte for byte; the grain's snapshot has every turn.
    /// </summary>
    public static async Task AssertConsistentAsync(GatewayHost gateway, string conversationId, IReadOnlyList<Frame> seen, int turns)
    {
        var logged = seen.Where(f => f.Seq is not null).ToList();
        FrameAssert.Gapless(logged, from: 1);
        await using var again = await gateway.ConnectAsync(conversationId, lastSeq: 0);
        var resumed = await again.NextAsync();
        Assert.True(resumed.IsSystem("conversation_resumed"));
        Assert.Equal(logged[^1].Seq, resumed.Root.GetProperty("metadata").GetProperty("last_seq").GetInt64());
        var replay = await again.UntilAsync(f => f.Seq == logged[^1].Seq);
        Assert.Equal(logged.Select(f => f.Raw), replay.Select(f => f.Raw));

        var snapshot = await gateway.App.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IConversationGrain>(conversationId).GetSnapshotAsync();
        Assert.Equal(turns, snapshot.TurnCount);
        Assert.Equal(turns, snapshot.RecentTurns.Count);
        Assert.Equal(logged[^1].Seq, snapshot.LastSeq);
    }
}
