using System.Data.Common;
using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Conversations.Gateway.Api;

/// <summary>
/// Answers an exception that escaped an HTTP endpoint with our error body and the RFC 9457 fields beside
/// it, so no failure is an empty 500. A cluster or storage that cannot be reached just now is a 503 the
/// client may retry (what the API has always answered); anything else is a fault of ours, a 500 whose
/// message hides the exception's own outside Development.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problems,
    IHostEnvironment environment,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The <c>message</c> of a 503.</summary>
    public const string UnavailableMessage = "The conversation is unavailable just now; retry (with the same message_id, a message is not answered twice).";

    /// <summary>The <c>message</c> of a 500.</summary>
    public const string InternalMessage = "The request failed on the server; nothing says it was carried out. Retry later, or report the trace id.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var refusal = Classify(exception);
        if (refusal.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            LogRefused(exception, httpContext.Request.Method, httpContext.Request.Path, refusal.Status);
        }

        httpContext.Response.StatusCode = refusal.Status;
        var problem = new ProblemDetails
        {
            Status = refusal.Status,
            Detail = environment.IsDevelopment() ? $"{exception.GetType().FullName}: {exception.Message}" : refusal.Message,
            Instance = httpContext.Request.Path,
            Extensions =
            {
                ["error_code"] = refusal.ErrorCode,
                ["message"] = refusal.Message,
            },
        };

        // A client whose Accept header refuses problem+json still gets our body, as plain JSON.
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            await refusal.WriteAsync(httpContext);
        }

        return true;
    }

    private static HttpRefusal Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => new HttpRefusal(
            bad.StatusCode,
            bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorCodes.MessageTooLarge : ErrorCodes.InvalidMessage,
            "The request could not be read."),
        _ when IsUnavailable(exception) => new HttpRefusal(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, UnavailableMessage),
        _ => new HttpRefusal(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, InternalMessage),
    };

    // Orleans and storage drivers wrap what failed underneath, so the whole chain is looked at.
    private static bool IsUnavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SiloUnavailableException
                or OrleansMessageRejectionException
                or GatewayTooBusyException
                or ConnectionFailedException
                or InconsistentStateException
                or ConversationUnavailableException
                or TimeoutException
                or DbException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 2503, Level = LogLevel.Error, Message = "HTTP {Method} {Path} failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, string method, string path);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "HTTP {Method} {Path} failed with {Status}")]
    private partial void LogRefused(Exception exception, string method, string path, int status);
}
