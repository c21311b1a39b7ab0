namespace Conversations.Grains.Domain;

/// <summary>Which domain pack the conversations speak (configuration section <c>Conversations</c>, key <c>Domain</c>).</summary>
public sealed class DomainOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Conversations";

    /// <summary>The options name <see cref="DomainPackSource"/> follows: bound like the default, never validated.</summary>
    public const string WatchedName = "Watched";

    /// <summary>The name of the pack shipped by this build (<see cref="DomainPackReader.ShippedNames"/>).</summary>
    public const string DefaultDomain = "dm-sales";

    /// <summary>
    /// A shipped pack's name (<c>dm-sales</c>, <c>support-desk</c>, <c>meeting-scheduling</c>,
    /// <c>vehicle-discovery</c>) or the path of a pack file. Default <c>dm-sales</c>. The file is watched: an
    /// edit that checks out replaces the pack for the next turns, one that does not is refused and logged.
    /// </summary>
    public string Domain { get; set; } = DefaultDomain;
}
