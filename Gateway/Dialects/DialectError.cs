namespace Conversations.Gateway.Dialects;

/// <summary>An error for a client, before its dialect gives it a shape.</summary>
/// <param name="Code">One of <c>ErrorCodes</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="RetrySuggested">Whether sending the same frame again later may succeed.</param>
/// <param name="Field">The field at fault, if one is.</param>
/// <param name="Limit">The limit exceeded, if one was.</param>
/// <param name="MessageId">The client message id the error is about, if any.</param>
internal sealed record DialectError(string Code, string Message, bool RetrySuggested, string? Field = null, long? Limit = null, string? MessageId = null);
