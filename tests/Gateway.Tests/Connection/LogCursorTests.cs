using Conversations.Gateway.WebSockets;

namespace Conversations.Gateway.Tests.Connection;

public sealed class LogCursorTests
{
    [Fact]
    public void OnlyTheFrameAfterTheClientsLastSeqIsNext()
    {
        var cursor = new LogCursor(lastSeq: 7);
        Assert.Equal(CursorStep.AlreadySent, cursor.Place(7));
        Assert.Equal(CursorStep.AlreadySent, cursor.Place(3));
        Assert.Equal(CursorStep.Next, cursor.Place(8));
        Assert.Equal(CursorStep.Gap, cursor.Place(9));
    }

    [Fact]
    public void SendingMovesTheCursorAndTracksWhetherATurnIsOpen()
    {
        var cursor = new LogCursor(0);
        cursor.Sent(1, endsTurn: false, timestamp: 10);
        Assert.True(cursor.TurnOpen);
        Assert.Equal(10, cursor.LastSentAt);
        cursor.Sent(2, endsTurn: true, timestamp: 20);
        Assert.False(cursor.TurnOpen);
        Assert.Equal(CursorStep.AlreadySent, cursor.Place(2));
        Assert.Equal(CursorStep.Next, cursor.Place(3));
    }

    [Fact]
    public void AFrameSentOutOfOrderIsRefusedRatherThanLeavingAHole()
    {
        var cursor = new LogCursor(4);
        Assert.Throws<InvalidOperationException>(() => cursor.Sent(6, endsTurn: false, timestamp: 1));
        Assert.Equal(4, cursor.LastSentSeq);
    }

    [Fact]
    public void AResyncMovesTheCursorToTheSnapshot()
    {
        var cursor = new LogCursor(2);
        cursor.MoveTo(40);
        Assert.Equal(CursorStep.AlreadySent, cursor.Place(39));
        Assert.Equal(CursorStep.Next, cursor.Place(41));
    }
}
