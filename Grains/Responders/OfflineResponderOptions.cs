namespace Conversations.Grains.Responders;

/// <summary>Settings of the offline responder (configuration section <c>Responders:Offline</c>).</summary>
public sealed class OfflineResponderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Responders:Offline";

    /// <summary>
    /// The pause between two pieces of a reply, so that replies stream the way a model's do.
    /// Default 20 ms; zero sends the whole reply at once.
    /// </summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Words per streamed piece. Default 3.</summary>
    public int WordsPerChunk { get; set; } = 3;
}
