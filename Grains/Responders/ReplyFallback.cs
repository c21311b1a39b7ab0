namespace Conversations.Grains.Responders;

/// <summary>
/// The model failed or missed a deadline; the rest of the reply comes from <paramref name="Responder"/>,
/// which starts it afresh: text reported before this event is void.
/// </summary>
/// <param name="ErrorCode"><c>LLM_TIMEOUT</c> or <c>LLM_PROCESSING_ERROR</c>.</param>
/// <param name="Message">What went wrong, in words fit for the client (no model output, no settings).</param>
/// <param name="Responder">The responder that answers instead.</param>
public sealed record ReplyFallback(string ErrorCode, string Message, string Responder) : ReplyEvent;
