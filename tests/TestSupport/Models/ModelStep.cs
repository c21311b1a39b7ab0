namespace Conversations.Tests.Support.Models;

/// <summary>What the test model server does with one chat completions request.</summary>
public sealed record ModelStep
{
    private ModelStep()
    {
    }

    /// <summary>The pieces streamed as content chunks, in order.</summary>
    public IReadOnlyList<string> Pieces { get; private init; } = [];

    /// <summary>A wait before the first chunk (after the response headers).</summary>
    public TimeSpan FirstTokenDelay { get; private init; }

    /// <summary>An HTTP error status to answer with instead of a stream.</summary>
    public int? Status { get; private init; }

    /// <summary>The <c>Retry-After</c> header sent with <see cref="Status"/>, in seconds.</summary>
    public int? RetryAfterSeconds { get; private init; }

    /// <summary>After the pieces: drop the connection without ending the stream.</summary>
    public bool CutAfterPieces { get; private init; }

    /// <summary>After the pieces: send a chunk that is not JSON.</summary>
    public bool MalformedAfterPieces { get; private init; }

    /// <summary>After the pieces: send nothing more until the client gives up.</summary>
    public bool HangAfterPieces { get; private init; }

    /// <summary>A normal streamed reply.</summary>
    public static ModelStep Reply(params string[] pieces) => new() { Pieces = pieces };

    /// <summary>A streamed reply whose first token comes only after <paramref name="delay"/>.</summary>
    public static ModelStep SlowReply(TimeSpan delay, params string[] pieces) => new() { Pieces = pieces, FirstTokenDelay = delay };

    /// <summary>An HTTP error, e.g. 429 with <c>Retry-After</c> or 500.</summary>
    public static ModelStep Error(int status, int? retryAfterSeconds = null) => new() { Status = status, RetryAfterSeconds = retryAfterSeconds };

    /// <summary>Some pieces, then the connection is dropped mid-stream.</summary>
    public static ModelStep CutAfter(params string[] pieces) => new() { Pieces = pieces, CutAfterPieces = true };

    /// <summary>Some pieces, then a chunk that is not JSON.</summary>
    public static ModelStep MalformedAfter(params string[] pieces) => new() { Pieces = pieces, MalformedAfterPieces = true };

    /// <summary>Some pieces, then silence until the request is cancelled.</summary>
    public static ModelStep HangAfter(params string[] pieces) => new() { Pieces = pieces, HangAfterPieces = true };
}
