namespace Conversations.Grains.Analytics;

/// <summary>The headline figures of <c>GET /analytics/summary</c>, over the turns of the last <see cref="Days"/> days.</summary>
/// <param name="Days">The window, in days, ending now.</param>
/// <param name="ActiveConversations">Conversations with a turn in the last <see cref="ActiveMinutes"/> minutes.</param>
/// <param name="ActiveMinutes">What counts as active.</param>
/// <param name="Conversations">Conversations with at least one turn in the window.</param>
/// <param name="Turns">Turns in the window.</param>
/// <param name="AverageConversationTurns">Turns per conversation, on average.</param>
/// <param name="HandoffRate">The share of conversations handed to a person (0 to 1).</param>
/// <param name="TurnLatencyP50Ms">Median response time of completed (not cancelled) turns, in milliseconds.</param>
/// <param name="TurnLatencyP95Ms">95th percentile of the same.</param>
/// <param name="HandoffsTaken">Hand-offs an operator took over in the window.</param>
/// <param name="OperatorReplies">Messages operators wrote in the window.</param>
/// <param name="HandBacks">Conversations handed back to the assistant in the window.</param>
public sealed record AnalyticsSummary(
    int Days,
    long ActiveConversations,
    int ActiveMinutes,
    long Conversations,
    long Turns,
    double AverageConversationTurns,
    double HandoffRate,
    double? TurnLatencyP50Ms,
    double? TurnLatencyP95Ms,
    long HandoffsTaken = 0,
    long OperatorReplies = 0,
    long HandBacks = 0);
