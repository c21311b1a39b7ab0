using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.AspNetCore.Diagnostics;

namespace Conversations.Gateway.Api;

/// <summary>Gives an error response that has no body the JSON body every other error has.</summary>
internal static class ErrorBodies
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, $"Nothing is at {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.InvalidMessage, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => (ErrorCodes.InvalidMessage, "Send a JSON body with Content-Type: application/json."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.MessageTooLarge, "The body is too large."),
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => (ErrorCodes.Unauthorized, "The request is not allowed."),
            >= 500 => (ErrorCodes.InternalError, "The request failed on the server."),
            _ => (ErrorCodes.InvalidMessage, "The request is not valid."),
        };
        return new HttpRefusal(status, code, message).WriteAsync(http);
    }
}
