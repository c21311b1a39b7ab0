using System.Diagnostics;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;

namespace Conversations.Gateway.WebSockets;

// Dispatch: what each client frame asks of the conversation.
internal sealed partial class ConversationConnection
{
    // The type tag of client frames that could not be read as a protocol frame.
    private const string InvalidFrameType = "invalid";

    /// <inheritdoc />
    public GuardVerdict Inspect(ReadOnlySpan<byte> message, long size, bool binary) => _guard.Inspect(message, size, binary);

    /// <inheritdoc />
    public async Task HandleAsync(GuardVerdict verdict, CancellationToken cancellationToken)
    {
        switch (verdict.Action)
        {
            case GuardAction.Close:
                if (verdict.CloseStatus == System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig)
                {
                    LogOversizeClose(ConversationId, verdict.Error?.Limit ?? 0);
                }
                else
                {
                    _instruments.OnRejected(ErrorCodes.RateLimited);
                    LogRateLimitClose(ConversationId, _guard.RateLimitStrikes);
                }

                if (verdict.Error is { } closing)
                {
                    Enqueue(Outbound.Direct(Error(closing)));
                }

                _transport.BeginClose(verdict.CloseStatus, verdict.CloseReason!);
                return;
            case GuardAction.Refuse:
                _instruments.OnRejected(verdict.Error!.Code);
                Enqueue(Outbound.Direct(Error(verdict.Error)));
                return;
        }

        var parsed = verdict.Frame!;
        if (parsed.Frame is not { } frame)
        {
            _instruments.OnFrameReceived(InvalidFrameType);
            _instruments.OnRejected(parsed.ErrorCode!);
            Enqueue(Outbound.Direct(Error(parsed.ErrorCode!, parsed.ErrorMessage!, retry: false, parsed.Field, parsed.Limit, parsed.MessageId)));
            return;
        }

        _instruments.OnFrameReceived(frame.Type!);
        try
        {
            switch (frame.Type)
            {
                case FrameTypes.UserMessage:
                    await SubmitAsync(frame, cancellationToken);
                    break;
                case FrameTypes.Resume:
                    await ResumeAsync(frame.LastSeq!.Value, cancellationToken);
                    break;
                case FrameTypes.Cancel:
                    await CallAsync(() => _grain.CancelAsync(frame.Turn), cancellationToken);
                    break;
                case FrameTypes.Ping:
                    Enqueue(Outbound.Direct(_dialect.Pong(Now)));
                    break;
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogGrainCallFailed(exception, ConversationId, frame.Type!);
            var what = frame.Type == FrameTypes.UserMessage
                ? $"Message '{frame.Id}' was not stored. Send it again with the same id; it will not be answered twice."
                : $"The {frame.Type} request could not be served; send it again.";
            Enqueue(Outbound.Direct(Error(ErrorCodes.ServiceUnavailable, $"The conversation is unavailable just now. {what}", retry: true, messageId: frame.Id)));
        }
    }

    private async Task SubmitAsync(ClientFrame frame, CancellationToken cancellationToken)
    {
        var message = new UserMessage(frame.Id!, frame.Content!, frame.UserName ?? Request.UserName, Request.UserId);

        // Every turn is a trace of its own, linked to the socket's request rather than inside it (a socket
        // lives for hours); the grain carries it on to the reply.
        var socketActivity = Activity.Current;
        Activity.Current = null;
        using var activity = ConversationActivities.Source.HasListeners()
            ? ConversationActivities.Source.StartActivity(
                ConversationActivities.Submit,
                ActivityKind.Server,
                default(ActivityContext),
                links: socketActivity is null ? null : [new ActivityLink(socketActivity.Context)])
            : null;
        activity?.SetTag(ConversationActivities.ConversationIdTag, ConversationId);
        SubmitResult result;
        var attempts = 0;
        try
        {
            result = await CallAsync(
                () =>
                {
                    attempts++;
                    return _grain.SubmitAsync(message);
                },
                cancellationToken);
        }
        finally
        {
            Activity.Current = socketActivity;
        }

        activity?.SetTag(ConversationActivities.TurnTag, result.Ack?.Turn);
        switch (result.Outcome)
        {
            case SubmitOutcome.Accepted:
            case SubmitOutcome.Duplicate when attempts > 1:
                // The same ack also comes on the stream; whichever arrives second is dropped by seq. A
                // "duplicate" that our own retry of a timed-out call caused is the client's first and only
                // send: its ack is a log frame like any other, not the answer to a resend (which would reach
                // the client twice).
                Enqueue(Outbound.Log(result.Ack!));
                break;
            case SubmitOutcome.Duplicate:
                EnqueueDirect(_dialect.Log(result.Ack!.Json));
                break;
            case SubmitOutcome.Busy:
                _instruments.OnRejected(ErrorCodes.ConversationBusy);
                Enqueue(Outbound.Direct(Error(
                    ErrorCodes.ConversationBusy,
                    $"The conversation is answering and cannot take more messages just now. Message '{frame.Id}' was not stored; send it again when the reply is complete.",
                    retry: true,
                    messageId: frame.Id)));
                break;
        }
    }

    private byte[] Error(GuardError error) =>
        Error(error.Code, error.Message, error.RetrySuggested, error.Field, error.Limit);
}
