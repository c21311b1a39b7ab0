namespace Conversations.Grains.Interfaces.Model;

/// <summary>A person who answers handed-off conversations.</summary>
/// <param name="Id">Who they are to the system (the token's <c>sub</c>, or the name given when authentication is off).</param>
/// <param name="Name">The name users see beside their messages.</param>
[GenerateSerializer, Immutable, Alias("conversations.operator.v1")]
public sealed record OperatorIdentity(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);
