namespace Conversations.Grains.Conversation;

/// <summary>The turn whose reply is being generated, and the means to stop it.</summary>
internal sealed class RunningTurn(int turn) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    public int Turn { get; } = turn;

    public CancellationToken Token => _cancellation.Token;

    public void Cancel() => _cancellation.Cancel();

    public void Dispose() => _cancellation.Dispose();
}
