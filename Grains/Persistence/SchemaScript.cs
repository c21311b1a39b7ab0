namespace Conversations.Grains.Persistence;

/// <summary>One versioned schema script.</summary>
/// <param name="Version">Its number; scripts apply in this order.</param>
/// <param name="Name">What it creates.</param>
/// <param name="Sql">The script.</param>
public sealed record SchemaScript(int Version, string Name, string Sql);
