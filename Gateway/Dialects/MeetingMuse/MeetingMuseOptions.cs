namespace Conversations.Gateway.Dialects.MeetingMuse;

/// <summary>Settings of the MeetingMuse dialect (configuration section <c>Dialects:MeetingMuse</c>).</summary>
public sealed class MeetingMuseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dialects:MeetingMuse";

    /// <summary>
    /// Whether pieces of a reply are sent as they are generated (<c>{"type":"partial_response",…}</c>) before the
    /// whole reply. Also read from <c>STREAMING_ENABLED</c>. Default <see langword="false"/>: a MeetingMuse client
    /// gets only the frames its documentation shows.
    /// </summary>
    public bool Streaming { get; set; }
}
