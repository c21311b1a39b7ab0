namespace Conversations.Grains.Intelligence;

/// <summary>The user's answer to an interrupt, checked.</summary>
/// <param name="Valid">Whether the answer is what was asked for.</param>
/// <param name="Value">The answer as kept (a trimmed e-mail address, a number of people), when valid.</param>
public sealed record InputAnswer(bool Valid, string? Value)
{
    /// <summary>An answer that is not what was asked for.</summary>
    public static InputAnswer Invalid { get; } = new(false, null);
}
