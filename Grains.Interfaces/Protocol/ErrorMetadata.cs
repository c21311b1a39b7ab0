namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>What an error left intact.</summary>
/// <param name="ConversationPreserved">Nothing already accepted was lost.</param>
/// <param name="FallbackAvailable">A fallback reply was (or will be) given instead.</param>
/// <param name="Field">The frame field at fault, for <c>INVALID_MESSAGE</c>.</param>
/// <param name="Limit">The limit exceeded, for size and rate errors.</param>
public sealed record ErrorMetadata(
    bool ConversationPreserved,
    bool? FallbackAvailable = null,
    string? Field = null,
    long? Limit = null);
