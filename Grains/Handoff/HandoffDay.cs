namespace Conversations.Grains.Handoff;

/// <summary>What operators did with handed-off conversations on one UTC day.</summary>
[GenerateSerializer, Alias("conversations.handoff-day.v1")]
public sealed class HandoffDay
{
    /// <summary>The day, as <see cref="DateOnly.DayNumber"/>.</summary>
    [Id(0)] public int Day { get; set; }

    /// <summary>Conversations handed to a person.</summary>
    [Id(1)] public long HandedOff { get; set; }

    /// <summary>Hand-offs an operator took over.</summary>
    [Id(2)] public long Taken { get; set; }

    /// <summary>Messages operators sent.</summary>
    [Id(3)] public long OperatorReplies { get; set; }

    /// <summary>Conversations handed back to the assistant.</summary>
    [Id(4)] public long HandedBack { get; set; }
}
