namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>system</c>: a notice about the conversation or the connection (<see cref="SystemContents"/>).</summary>
/// <typeparam name="TMetadata">The shape of <see cref="Metadata"/> for this kind of notice.</typeparam>
public sealed record SystemFrame<TMetadata> : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.System;

    /// <summary>What the notice is about (<see cref="SystemContents"/>).</summary>
    public required string Content { get; init; }

    /// <summary>The turn the notice belongs to, when it belongs to one.</summary>
    public int? Turn { get; init; }

    /// <summary>Details of the notice.</summary>
    public required TMetadata Metadata { get; init; }
}
