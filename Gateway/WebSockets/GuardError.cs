namespace Conversations.Gateway.WebSockets;

/// <summary>An <c>error</c> frame to send, before the gateway stamps it with the time and the conversation.</summary>
/// <param name="Code">The error code.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="RetrySuggested">Whether sending the same frame again later may succeed.</param>
/// <param name="Field">The field at fault, if one is.</param>
/// <param name="Limit">The limit exceeded, if one was.</param>
internal sealed record GuardError(string Code, string Message, bool RetrySuggested, string? Field = null, long? Limit = null);
