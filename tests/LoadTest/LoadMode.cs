namespace Conversations.LoadTest;

/// <summary>How the load tool drives its connections.</summary>
public enum LoadMode
{
    /// <summary>Each connection sends its next turn when the previous reply ended, plus the think time.</summary>
    Closed,

    /// <summary>Turns are started at a fixed total rate, on whichever connection is free.</summary>
    Open,

    /// <summary>Sockets are opened and held without sending anything, to measure what an idle socket costs.</summary>
    Idle,
}
