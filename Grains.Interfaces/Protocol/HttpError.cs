namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The JSON body of an HTTP error, for requests refused before a WebSocket upgrade.</summary>
/// <param name="ErrorCode">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record HttpError(string ErrorCode, string Message);
