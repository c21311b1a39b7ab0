namespace Conversations.Gateway.Operator;

/// <summary>The body of the operator endpoints; every field optional except <c>content</c> when replying.</summary>
public sealed record OperatorRequest
{
    /// <summary>What the operator writes to the user (reply only).</summary>
    public string? Content { get; init; }

    /// <summary>The name the user sees; by default the token's <c>name</c> claim, or the operator id.</summary>
    public string? OperatorName { get; init; }

    /// <summary>
    /// Who the operator is: with authentication off, whatever the caller says (default <c>operator</c>); with it
    /// on, the token's <c>sub</c>, and a different value here is refused.
    /// </summary>
    public string? OperatorId { get; init; }
}
