namespace Conversations.Grains.Intelligence;

/// <summary>The values of <c>waiting_for_input.expected_input</c>.</summary>
public static class ExpectedInputs
{
    /// <summary>An e-mail address, to close the sale.</summary>
    public const string Email = "email";

    /// <summary>How many people would use the product, to price it.</summary>
    public const string TeamSize = "team_size";
}
