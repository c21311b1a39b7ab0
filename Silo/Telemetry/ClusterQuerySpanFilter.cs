using System.Diagnostics;
using OpenTelemetry;

namespace Conversations.Silo.Telemetry;

/// <summary>
/// Drops the spans of the statements that Orleans runs on its own schedule: membership (table reads every
/// couple of seconds on every silo and gateway, heartbeats) and reminder reads. Left in, they would be most
/// of the database spans and root traces of an idle cluster. Everything else Npgsql runs (conversation logs,
/// grain state, transcripts, analytics) is kept.
/// </summary>
/// <remarks>
/// Orleans opens its connections from the connection string, in pools of Npgsql's own that this process cannot
/// give a filter to, so the statements are recognised by their text: by the tables of <c>deploy/sql/002</c>
/// and <c>004</c>, whose names are this project's. The text is known only once the span has started, hence a
/// processor that unsets the recorded flag before the exporter's processor sees the span end.
/// </remarks>
public sealed class ClusterQuerySpanFilter : BaseProcessor<Activity>
{
    /// <summary>The activity source Npgsql makes its spans with.</summary>
    public const string NpgsqlSourceName = "Npgsql";

    // Every membership statement names orleans_membership or orleans_membership_version.
    private const string MembershipTable = "orleans_membership";

    // Reads of reminders (every silo's ring-range reads, a grain's list) are SELECTs on orleans_reminders;
    // upserts and deletes are a grain's own doing and are kept.
    private const string ReminderTable = "orleans_reminders";

    /// <summary>Whether a statement is one of Orleans' own periodic ones.</summary>
    public static bool IsClusterBookkeeping(string? commandText) =>
        commandText is not null
        && (commandText.Contains(MembershipTable, StringComparison.OrdinalIgnoreCase)
            || (commandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && commandText.Contains(ReminderTable, StringComparison.OrdinalIgnoreCase)));

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name == NpgsqlSourceName && IsClusterBookkeeping(data.GetTagItem("db.query.text") as string))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
