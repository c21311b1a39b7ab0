using System.Text.Json;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's <c>/api/v1/metrics/…</c>, over the caller's own conversations (the newest
/// <see cref="OwnConversations.MaxRead"/>) and the turns their checkpoints keep (<c>Conversations:RecentTurns</c>,
/// the last 10 by default). Figures over every user's conversations are the operators' <c>/api/v1/analytics</c>.
/// </summary>
internal sealed class SupportDeskMetricsApi(IGrainFactory grains, OwnConversations own)
{
    // How far back the last reply is looked for in the log, for its escalation factors: a turn is a handful of
    // frames (ack, progress, pieces of the reply, the reply, state changes).
    private const int FramesToLastReply = 64;

    /// <summary><c>GET /api/v1/metrics/conversation-quality</c>.</summary>
    public async Task<IResult> QualityAsync(HttpContext http)
    {
        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (_, conversations) = await own.ReadAsync(userId);
        var turns = conversations.SelectMany(c => c.Snapshot.RecentTurns).ToArray();
        var answered = turns.Where(Answered).ToArray();
        var ratings = conversations.SelectMany(c => c.Feedback).ToArray();
        return SupportDeskHttp.Json((userId, conversations, turns, answered, ratings), static (w, s) =>
        {
            w.WriteString("user_id", s.userId);
            w.WriteNumber("conversations", s.conversations.Length);
            w.WriteNumber("turns_considered", s.turns.Length);
            w.WriteNumber("answered_turns", s.answered.Length);
            w.WriteNumber("failed_turns", s.turns.Count(t => t.Failed));
            w.WriteNumber("cancelled_turns", s.turns.Count(t => t.Cancelled));
            SupportDeskHttp.WriteNumber(w, "average_confidence", s.turns.Length == 0 ? null : s.turns.Average(t => t.Intent.Confidence));
            SupportDeskHttp.WriteNumber(w, "average_response_time_ms", s.answered.Length == 0 ? null : s.answered.Average(t => (double)t.ResponseTimeMs));
            SupportDeskHttp.WriteNumber(w, "average_frustration_level", s.conversations.Length == 0 ? null : s.conversations.Average(c => c.Snapshot.Frustration));
            SupportDeskHttp.WriteNumber(w, "escalation_rate", s.conversations.Length == 0 ? null : s.conversations.Count(Escalated) / (double)s.conversations.Length);
            SupportDeskHttp.WriteNumber(w, "resolution_rate", s.turns.Length == 0 ? null : Resolutions(s.conversations).Count(r => r.Resolved) / (double)s.turns.Length);
            w.WriteNumber("rated_turns", s.ratings.Length);
            SupportDeskHttp.WriteNumber(w, "average_rating", s.ratings.Length == 0 ? null : s.ratings.Average(r => r.Rating));
        });
    }

    /// <summary><c>GET /api/v1/metrics/conversation-flow/{conversation_id}</c>: one conversation's states, transitions and turns.</summary>
    public async Task<IResult> FlowAsync(HttpContext http, string conversationId)
    {
        if (!ConversationEndpoint.IsValidConversationId(conversationId))
        {
            return ConversationEndpoint.InvalidConversationId.ToResult();
        }

        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (details, denied) = await own.ReadOneAsync(conversationId, userId);
        if (details is null)
        {
            return denied!;
        }

        return SupportDeskHttp.Json(details, static (w, d) =>
        {
            var snapshot = d.Snapshot;
            w.WriteString("conversation_id", snapshot.ConversationId);
            w.WriteString("agent", SupportDeskHttp.Agent(snapshot.Persona));
            w.WriteString("current_state", snapshot.State.ToWireName());
            if (snapshot.PreviousState is { } previous)
            {
                w.WriteString("previous_state", previous.ToWireName());
            }
            else
            {
                w.WriteNull("previous_state");
            }

            w.WriteNumber("turn_count", snapshot.TurnCount);
            w.WriteNumber("message_count", snapshot.MessageCount);
            w.WriteBoolean("escalated", snapshot.HandedOff);
            w.WriteStartArray("state_transitions");
            foreach (var change in d.Transitions)
            {
                w.WriteStartObject();
                w.WriteString("from_state", change.From.ToWireName());
                w.WriteString("to_state", change.To.ToWireName());
                w.WriteString("reason", change.Reason);
                w.WriteNumber("turn", change.Turn);
                w.WriteString("timestamp", change.At.UtcDateTime);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("turns");
            foreach (var turn in snapshot.RecentTurns)
            {
                w.WriteStartObject();
                w.WriteNumber("turn", turn.Turn);
                w.WriteString("state_before", turn.StateBefore.ToWireName());
                w.WriteString("state_after", turn.StateAfter.ToWireName());
                w.WriteString("intent", turn.Intent.Name);
                w.WriteNumber("confidence", turn.Intent.Confidence);
                w.WriteNumber("response_time_ms", turn.ResponseTimeMs);
                w.WriteBoolean("escalated", turn.HandedOff);
                w.WriteBoolean("failed", turn.Failed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            SupportDeskHttp.WriteTime(w, "created_at", snapshot.CreatedAt);
            SupportDeskHttp.WriteTime(w, "updated_at", snapshot.UpdatedAt);
        });
    }

    /// <summary><c>GET /api/v1/metrics/intent-resolution-rate</c>: per intent, the share of turns resolved.</summary>
    public async Task<IResult> IntentResolutionAsync(HttpContext http)
    {
        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (_, conversations) = await own.ReadAsync(userId);
        var resolutions = Resolutions(conversations).ToArray();
        var byIntent = resolutions
            .GroupBy(r => r.Intent, StringComparer.Ordinal)
            .Select(g => (Intent: g.Key, Turns: g.Count(), Resolved: g.Count(r => r.Resolved)))
            .OrderByDescending(g => g.Turns)
            .ThenBy(g => g.Intent, StringComparer.Ordinal)
            .ToArray();
        return SupportDeskHttp.Json((userId, resolutions, byIntent), static (w, s) =>
        {
            w.WriteString("user_id", s.userId);
            w.WriteNumber("total_turns", s.resolutions.Length);
            w.WriteNumber("resolved_turns", s.resolutions.Count(r => r.Resolved));
            SupportDeskHttp.WriteNumber(w, "overall_resolution_rate", s.resolutions.Length == 0 ? null : s.resolutions.Count(r => r.Resolved) / (double)s.resolutions.Length);
            w.WriteStartArray("intents");
            foreach (var (intent, turns, resolved) in s.byIntent)
            {
                w.WriteStartObject();
                w.WriteString("intent", intent);
                w.WriteNumber("turns", turns);
                w.WriteNumber("resolved", resolved);
                w.WriteNumber("resolution_rate", Math.Round(resolved / (double)turns, 4));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary><c>GET /api/v1/metrics/escalation-predictions</c>: each of the caller's conversations' escalation prediction, the likeliest first.</summary>
    public async Task<IResult> EscalationPredictionsAsync(HttpContext http)
    {
        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (_, conversations) = await own.ReadAsync(userId);
        var factors = await Task.WhenAll(conversations.Select(c => LastFactorsAsync(c.Snapshot)));
        var predictions = conversations.Zip(factors)
            .OrderByDescending(p => p.First.Snapshot.EscalationLikelihood)
            .ThenByDescending(p => p.First.Snapshot.UpdatedAt)
            .ToArray();
        return SupportDeskHttp.Json((userId, predictions), static (w, s) =>
        {
            w.WriteString("user_id", s.userId);
            w.WriteNumber("total", s.predictions.Length);
            w.WriteNumber("escalate_to_human", s.predictions.Count(p => SupportDeskReply.Recommendation(p.First.Snapshot.EscalationLikelihood) == "escalate_to_human"));
            w.WriteStartArray("predictions");
            foreach (var (details, factors) in s.predictions)
            {
                var snapshot = details.Snapshot;
                w.WriteStartObject();
                w.WriteString("conversation_id", snapshot.ConversationId);
                w.WriteString("agent", SupportDeskHttp.Agent(snapshot.Persona));
                w.WriteNumber("likelihood", snapshot.EscalationLikelihood);

                // As in a reply's intent_data: the prediction rests on the last turn's classification.
                w.WriteNumber("confidence", snapshot.RecentTurns.Count == 0 ? 0 : snapshot.RecentTurns[^1].Intent.Confidence);
                w.WriteStartArray("factors");
                foreach (var factor in factors)
                {
                    w.WriteStringValue(factor);
                }

                w.WriteEndArray();
                w.WriteString("recommendation", SupportDeskReply.Recommendation(snapshot.EscalationLikelihood));
                w.WriteNumber("frustration_level", snapshot.Frustration);
                w.WriteBoolean("escalated", snapshot.HandedOff);
                SupportDeskHttp.WriteTime(w, "updated_at", snapshot.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Each turn of the conversations with whether it was resolved: answered (not failed, cancelled or handed to a
    /// person) and not followed by the same intent in the conversation's next turn (asking again means the answer
    /// did not settle it). The newest turn of a conversation counts as resolved when answered.
    /// </summary>
    private static IEnumerable<(string Intent, bool Resolved)> Resolutions(IEnumerable<ConversationDetails> conversations)
    {
        foreach (var conversation in conversations)
        {
            var turns = conversation.Snapshot.RecentTurns;
            for (var i = 0; i < turns.Count; i++)
            {
                var askedAgain = i + 1 < turns.Count && turns[i + 1].Intent.Name == turns[i].Intent.Name;
                yield return (turns[i].Intent.Name, Answered(turns[i]) && !turns[i].HandedOff && !askedAgain);
            }
        }
    }

    private static bool Answered(TurnSummary turn) => !turn.Failed && !turn.Cancelled;

    private static bool Escalated(ConversationDetails conversation) =>
        conversation.Snapshot.HandedOff || conversation.Snapshot.RecentTurns.Any(t => t.HandedOff);

    // The factors are in the last reply's metadata only; the checkpoint keeps the likelihood.
    private async Task<string[]> LastFactorsAsync(ConversationSnapshot snapshot)
    {
        if (snapshot.LastSeq == 0)
        {
            return [];
        }

        var replay = await grains.GetGrain<IConversationGrain>(snapshot.ConversationId).ResumeAsync(Math.Max(0, snapshot.LastSeq - FramesToLastReply));
        for (var i = replay.Frames.Count - 1; i >= 0; i--)
        {
            using var frame = JsonDocument.Parse(replay.Frames[i].Json);
            var root = frame.RootElement;
            if (DialectJson.Text(root, "type") != FrameTypes.AssistantMessage)
            {
                continue;
            }

            return root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("escalation_factors", out var factors)
                ? [.. factors.EnumerateArray().Select(f => DialectJson.Text(f, "name") ?? string.Empty)]
                : [];
        }

        return [];
    }
}
