namespace Conversations.Grains.Persistence;

/// <summary>The checkpoint as it stood after a record.</summary>
/// <param name="Version">The record it includes the changes of, and those of every record before it.</param>
/// <param name="Payload">The checkpoint, encoded by <see cref="LogPayloadCodec"/>.</param>
public sealed record StoredSnapshot(long Version, byte[] Payload);
