using System.Text.Json;

namespace Conversations.Tests.Support.Models;

/// <summary>A chat completions request as the test model server received it.</summary>
public sealed class ModelRequest(string path, string query, JsonElement body, DateTimeOffset receivedAt, IReadOnlyDictionary<string, string> headers)
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Path { get; } = path;

    public string Query { get; } = query;

    public JsonElement Body { get; } = body;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>Whether this is an intent classification (a non-streamed request for structured output).</summary>
    public bool IsClassification => Body.TryGetProperty("response_format", out _);

    /// <summary>Completes when the client aborted the request (cancelled it or dropped the connection).</summary>
    public Task Aborted => _aborted.Task;

    /// <summary>Completes when the server is done with the request, however it ended.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Whether the client had aborted the request by the time the server was done with it.</summary>
    public bool WasAborted => _aborted.Task.IsCompleted;

    internal void OnAborted() => _aborted.TrySetResult();

    internal void OnEnded() => _ended.TrySetResult();
}
