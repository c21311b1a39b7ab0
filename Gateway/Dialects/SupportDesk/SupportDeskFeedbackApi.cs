using System.Text.Json;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's <c>/api/v1/feedback…</c> over our ratings of turns (<see cref="IConversationGrain.RateTurnAsync"/>,
/// what <c>POST /conversations/{id}/feedback</c> stores): a rating from 1 to 5 of one answered turn, the latest by
/// default, with an optional comment.
/// </summary>
internal sealed class SupportDeskFeedbackApi(IGrainFactory grains, OwnConversations own, CallerIdentity identity, IOptionsMonitor<GatewayOptions> options)
{
    private const int RecentShown = 10;

    /// <summary><c>POST /api/v1/feedback</c> <c>{"conversation_id","rating","comment"?,"turn"?}</c>.</summary>
    public Task<IResult> FeedbackAsync(HttpContext http, CancellationToken cancellationToken) => RateAsync(http, withComment: true, cancellationToken);

    /// <summary><c>POST /api/v1/feedback/rating</c> <c>{"conversation_id","rating","turn"?}</c>: the rating alone; a comment already given for the turn is kept.</summary>
    public Task<IResult> RatingAsync(HttpContext http, CancellationToken cancellationToken) => RateAsync(http, withComment: false, cancellationToken);

    /// <summary><c>GET /api/v1/feedback/summary</c>: the ratings the caller gave, over their own conversations.</summary>
    public async Task<IResult> SummaryAsync(HttpContext http)
    {
        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (_, conversations) = await own.ReadAsync(userId);
        var given = conversations
            .SelectMany(c => c.Feedback.Select(f => (c.Snapshot.ConversationId, Feedback: f)))
            .OrderByDescending(f => f.Feedback.At)
            .ToArray();
        var counts = new int[5];
        foreach (var (_, feedback) in given)
        {
            counts[feedback.Rating - 1]++;
        }

        return SupportDeskHttp.Json((userId, given, counts), static (w, s) =>
        {
            w.WriteString("user_id", s.userId);
            w.WriteNumber("conversations_rated", s.given.Select(g => g.ConversationId).Distinct(StringComparer.Ordinal).Count());
            SupportDeskAnalyticsApi.WriteTally(w, s.counts, s.given.Count(g => g.Feedback.Comment is not null), s.given.Length == 0 ? null : s.given[0].Feedback.At);
            w.WriteStartArray("recent_feedback");
            foreach (var (conversationId, feedback) in s.given.Take(RecentShown))
            {
                WriteFeedback(w, conversationId, feedback);
            }

            w.WriteEndArray();
        });
    }

    private async Task<IResult> RateAsync(HttpContext http, bool withComment, CancellationToken cancellationToken)
    {
        var (body, refusal) = await SupportDeskHttp.ReadObjectAsync(http, options.CurrentValue.MaxFrameBytes, cancellationToken);
        if (body is null)
        {
            return refusal!;
        }

        using (body)
        {
            var root = body.RootElement;
            var conversationId = DialectJson.Text(root, "conversation_id");
            if (conversationId is null)
            {
                return SupportDeskHttp.Invalid("Field 'conversation_id' is required: the conversation rated.");
            }

            if (!ConversationEndpoint.IsValidConversationId(conversationId))
            {
                return ConversationEndpoint.InvalidConversationId.ToResult();
            }

            if (!SupportDeskHttp.TryReadInt(root, "rating", 1, 5, out var rating) || rating is null)
            {
                return SupportDeskHttp.Invalid("Field 'rating' is required: a whole number from 1 (bad) to 5 (good).");
            }

            if (!SupportDeskHttp.TryReadInt(root, "turn", 1, int.MaxValue, out var turn))
            {
                return SupportDeskHttp.Invalid("Field 'turn' is the number of the answered turn rated, from 1; leave it out for the latest.");
            }

            string? comment = null;
            if (withComment && root.TryGetProperty("comment", out var commentMember) && commentMember.ValueKind != JsonValueKind.Null)
            {
                comment = commentMember.ValueKind == JsonValueKind.String ? commentMember.GetString() : null;
                if (comment is null || comment.Length > ConversationApi.MaxCommentChars)
                {
                    return SupportDeskHttp.Invalid($"Field 'comment' must be text of at most {ConversationApi.MaxCommentChars} characters.");
                }

                comment = string.IsNullOrWhiteSpace(comment) ? null : comment;
            }

            if (!identity.TryResolve(http, DialectJson.Text(root, "user_id"), out var userId, out var refused))
            {
                return refused!.ToResult();
            }

            var (details, denied) = await own.ReadOneAsync(conversationId, userId);
            if (details is null)
            {
                return denied!;
            }

            var rated = turn ?? details.Snapshot.RecentTurns.LastOrDefault(t => !t.Failed && !t.HandedOff)?.Turn;
            if (rated is null)
            {
                return SupportDeskHttp.Invalid($"Conversation '{conversationId}' has no answered turn to rate yet.");
            }

            // A rating alone keeps what the user already said about the turn.
            comment = withComment ? comment : details.Feedback.FirstOrDefault(f => f.Turn == rated)?.Comment;
            var feedback = new TurnFeedback(rated.Value, rating.Value, comment, default);
            var outcome = await grains.GetGrain<IConversationGrain>(conversationId).RateTurnAsync(feedback);
            if (outcome == FeedbackOutcome.UnknownTurn)
            {
                return SupportDeskHttp.NotFound($"Conversation '{conversationId}' has no turn {feedback.Turn}.");
            }

            if (outcome == FeedbackOutcome.NotAnswered)
            {
                return SupportDeskHttp.Refuse(StatusCodes.Status409Conflict, ErrorCodes.ConversationBusy, $"Turn {feedback.Turn} is still being answered; rate it once its reply is complete.");
            }

            var stored = (await grains.GetGrain<IConversationGrain>(conversationId).GetDetailsAsync()).Feedback.First(f => f.Turn == feedback.Turn);
            return SupportDeskHttp.Json((conversationId, stored), static (w, s) =>
            {
                w.WriteString("status", "recorded");
                w.WriteString("feedback_id", $"{s.conversationId}:{s.stored.Turn}");
                WriteMembers(w, s.conversationId, s.stored);
            });
        }
    }

    private static void WriteFeedback(Utf8JsonWriter w, string conversationId, TurnFeedback feedback)
    {
        w.WriteStartObject();
        WriteMembers(w, conversationId, feedback);
        w.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter w, string conversationId, TurnFeedback feedback)
    {
        w.WriteString("conversation_id", conversationId);
        w.WriteNumber("turn", feedback.Turn);
        w.WriteNumber("rating", feedback.Rating);
        if (feedback.Comment is null)
        {
            w.WriteNull("comment");
        }
        else
        {
            w.WriteString("comment", feedback.Comment);
        }

        w.WriteString("timestamp", feedback.At.UtcDateTime);
    }
}
