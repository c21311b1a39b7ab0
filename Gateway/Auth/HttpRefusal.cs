using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Auth;

/// <summary>A request refused: the HTTP status and the <see cref="HttpError"/> body that says why.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="ErrorCode">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record HttpRefusal(int Status, string ErrorCode, string Message)
{
    /// <summary>The refusal as an endpoint result.</summary>
    public IResult ToResult() =>
        Results.Json(new HttpError(ErrorCode, Message), ProtocolJsonContext.Default.HttpError, statusCode: Status);

    /// <summary>Writes the refusal as the response.</summary>
    public Task WriteAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = Status;
        return http.Response.WriteAsJsonAsync(new HttpError(ErrorCode, Message), ProtocolJsonContext.Default.HttpError);
    }
}
