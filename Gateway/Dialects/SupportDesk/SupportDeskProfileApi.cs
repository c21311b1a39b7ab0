using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// <c>GET /api/v1/profile</c>: the caller as we know them. We keep no profile record: a user is their list of
/// conversations (the users grain) and what those conversations' checkpoints hold.
/// </summary>
internal sealed class SupportDeskProfileApi(OwnConversations own)
{
    private const int RecentShown = 20;

    /// <summary><c>GET /api/v1/profile</c>.</summary>
    public async Task<IResult> GetAsync(HttpContext http)
    {
        if (!own.TryResolve(http, out var userId, out var refusal))
        {
            return refusal!;
        }

        var (total, conversations) = await own.ReadAsync(userId);
        return SupportDeskHttp.Json((userId, total, conversations), static (w, s) =>
        {
            var snapshots = s.conversations.Select(c => c.Snapshot).ToArray();
            w.WriteString("user_id", s.userId);
            w.WriteNumber("conversation_count", s.total);
            w.WriteNumber("message_count", snapshots.Sum(c => c.MessageCount));
            SupportDeskHttp.WriteTime(w, "first_seen_at", snapshots.Length == 0 ? null : snapshots.Min(c => c.CreatedAt));
            SupportDeskHttp.WriteTime(w, "last_active_at", snapshots.Length == 0 ? null : snapshots.Max(c => c.UpdatedAt));
            if (PreferredAgent(snapshots) is { } agent)
            {
                w.WriteString("preferred_agent", agent);
            }
            else
            {
                w.WriteNull("preferred_agent");
            }

            var latest = snapshots.Length == 0 ? null : snapshots.MaxBy(c => c.UpdatedAt);
            w.WriteNumber("frustration_level", latest?.Frustration ?? 0);
            w.WriteNumber("escalated_conversations", snapshots.Count(c => c.HandedOff || c.RecentTurns.Any(t => t.HandedOff)));
            w.WriteNumber("ratings_given", s.conversations.Sum(c => c.Feedback.Count));
            w.WriteStartArray("recent_conversations");
            foreach (var snapshot in snapshots.Take(RecentShown))
            {
                w.WriteStartObject();
                w.WriteString("conversation_id", snapshot.ConversationId);
                w.WriteString("agent", SupportDeskHttp.Agent(snapshot.Persona));
                w.WriteString("state", snapshot.State.ToWireName());
                w.WriteNumber("message_count", snapshot.MessageCount);
                SupportDeskHttp.WriteTime(w, "updated_at", snapshot.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    // The agent that answered most of the user's conversations last; the newest breaks a tie.
    private static string? PreferredAgent(ConversationSnapshot[] snapshots) =>
        snapshots
            .Where(c => c.TurnCount > 0)
            .GroupBy(c => SupportDeskHttp.Agent(c.Persona), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(c => c.UpdatedAt))
            .Select(g => g.Key)
            .FirstOrDefault();
}
