namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>error</c>: something the client sent or asked for could not be done.</summary>
public sealed record ErrorFrame : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.Error;

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public required string ErrorCode { get; init; }

    /// <summary>What went wrong, in words a developer can act on.</summary>
    public required string Message { get; init; }

    /// <summary>Whether sending the same thing again later may work.</summary>
    public required bool RetrySuggested { get; init; }

    /// <summary>The client message id the error is about, when it is about a <c>user_message</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The turn concerned, when there is one.</summary>
    public int? Turn { get; init; }

    /// <summary>What the error left intact.</summary>
    public required ErrorMetadata Metadata { get; init; }
}
