using System.Text.Json;
using System.Threading.Channels;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Streaming;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Api;

/// <summary>
/// Runs a user turn for a caller without a socket: submits it like a socket would, then waits for the frame
/// that ends it. The conversation's log is the source of truth: the stream only says when to look again
/// (and the log is read once a second regardless, so a lost stream message costs a second, not the turn).
/// </summary>
public sealed class TurnRunner(IGrainFactory grains, IConversationFeed feed, IOptionsMonitor<GatewayOptions> options, TransientRetry retry)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Submits <paramref name="message"/> and waits up to <c>Gateway:HttpTurnTimeout</c> for its end.</summary>
    /// <returns>What became of the turn, or <see langword="null"/> when the conversation is busy and refuses a second turn.</returns>
    public async Task<TurnResult?> RunAsync(string conversationId, UserMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var grain = grains.GetGrain<IConversationGrain>(conversationId);
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        await using var subscription = await feed.SubscribeAsync(
            conversationId,
            _ =>
            {
                wake.Writer.TryWrite(true);
                return Task.CompletedTask;
            },
            cancellationToken);

        var limits = options.CurrentValue;
        var submitted = await retry.CallAsync(() => grain.SubmitAsync(message), cancellationToken);
        if (submitted.Outcome == SubmitOutcome.Busy)
        {
            return null;
        }

        var ack = submitted.Ack!;
        var duplicate = submitted.Outcome == SubmitOutcome.Duplicate;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.HttpTurnTimeout);
        var seen = ack.Seq;
        while (true)
        {
            var resume = await retry.CallAsync(() => grain.ResumeAsync(seen), cancellationToken);
            if (resume.ResyncRequired)
            {
                return FromSnapshot(resume.Snapshot, ack, message.Id, duplicate);
            }

            if (ack.EndsTurn)
            {
                var state = resume.Snapshot.State;
                return new TurnResult(conversationId, ack.Turn, message.Id, "handed_off", null, state, state, null, ack.Seq, duplicate);
            }

            foreach (var frame in resume.Frames)
            {
                seen = frame.Seq;
                if (frame.Turn == ack.Turn && frame.EndsTurn)
                {
                    return FromEndFrame(frame, resume.Snapshot, message.Id, duplicate);
                }
            }

            try
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                poll.CancelAfter(PollInterval);
                await wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var state = resume.Snapshot.State;
                return new TurnResult(conversationId, ack.Turn, message.Id, "pending", null, state, state, null, seen, duplicate);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The poll interval passed without a stream message: read the log anyway.
            }
        }
    }

    private static TurnResult FromEndFrame(LogFrame frame, ConversationSnapshot snapshot, string messageId, bool duplicate)
    {
        using var json = JsonDocument.Parse(frame.Json);
        var root = json.RootElement;
        if (root.GetProperty("type").GetString() == FrameTypes.AssistantMessage
            && root.Deserialize(ProtocolJsonContext.Default.AssistantMessageFrame) is { } reply)
        {
            return new TurnResult(snapshot.ConversationId, frame.Turn, messageId, "answered", reply.Content, reply.State, reply.PreviousState, reply.Intent, frame.Seq, duplicate)
            {
                ResponseTimeMs = reply.Metadata.ResponseTimeMs,
                ConversionProbability = reply.Metadata.ConversionProbability,
            };
        }

        var code = root.TryGetProperty("error_code", out var c) ? c.GetString() : ErrorCodes.InternalError;
        var text = root.TryGetProperty("message", out var m) ? m.GetString() : null;
        return new TurnResult(snapshot.ConversationId, frame.Turn, messageId, "failed", null, snapshot.State, snapshot.State, null, frame.Seq, duplicate, code, text);
    }

    // The turn is older than the replay window (a message id resent long after): the checkpoint's recent
    // turns may still have it.
    private static TurnResult FromSnapshot(ConversationSnapshot snapshot, LogFrame ack, string messageId, bool duplicate)
    {
        var turn = snapshot.RecentTurns.FirstOrDefault(t => t.Turn == ack.Turn);
        return turn is null
            ? new TurnResult(snapshot.ConversationId, ack.Turn, messageId, "pending", null, snapshot.State, snapshot.State, null, snapshot.LastSeq, duplicate)
            : new TurnResult(snapshot.ConversationId, ack.Turn, messageId, "answered", turn.Reply, turn.StateAfter, turn.StateBefore, turn.Intent, snapshot.LastSeq, duplicate) { ResponseTimeMs = turn.ResponseTimeMs };
    }
}
