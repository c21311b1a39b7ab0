using System.Net.WebSockets;
using System.Text;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Settings;

namespace Conversations.Gateway.Tests.Connection;

public sealed class InboundGuardTests
{
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":\"ping\"}");

    [Fact]
    public void AValidFrameIsHandedOnParsed()
    {
        using var guard = Guard(new GatewayOptions());
        var verdict = guard.Inspect(Ping, Ping.Length, binary: false);
        Assert.Equal(GuardAction.Handle, verdict.Action);
        Assert.Equal("ping", verdict.Frame!.Frame!.Type);
    }

    [Fact]
    public void ABinaryFrameIsHandedOnAsInvalidSoThatItIsAnswered()
    {
        using var guard = Guard(new GatewayOptions());
        var verdict = guard.Inspect(Ping, Ping.Length, binary: true);
        Assert.Equal(GuardAction.Handle, verdict.Action);
        Assert.Equal(ErrorCodes.InvalidMessage, verdict.Frame!.ErrorCode);
    }

    [Fact]
    public void AnOversizedFrameIsAnsweredUntilTheWarningsRunOutThenTheSocketCloses()
    {
        using var guard = Guard(new GatewayOptions { MaxFrameBytes = 100, OversizeWarnings = 1 });
        var first = guard.Inspect(Ping, 5000, binary: false);
        var second = guard.Inspect(Ping, 5000, binary: false);

        Assert.Equal(GuardAction.Handle, first.Action);
        Assert.Equal(ErrorCodes.MessageTooLarge, first.Frame!.ErrorCode);
        Assert.Equal(GuardAction.Close, second.Action);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, second.CloseStatus);
        Assert.Equal(ErrorCodes.MessageTooLarge, second.Error!.Code);
    }

    [Fact]
    public void PastTheBurstFramesAreRefusedAndAFloodThatGoesOnCloses()
    {
        using var guard = Guard(new GatewayOptions { MessagesPerSecond = 1, MessageBurst = 3, RateLimitStrikes = 2 });
        var verdicts = Enumerable.Range(0, 6).Select(_ => guard.Inspect(Ping, Ping.Length, binary: false)).ToList();

        Assert.Equal(
            [GuardAction.Handle, GuardAction.Handle, GuardAction.Handle, GuardAction.Refuse, GuardAction.Refuse, GuardAction.Close],
            verdicts.Select(v => v.Action));
        Assert.Equal(ErrorCodes.RateLimited, verdicts[3].Error!.Code);
        Assert.True(verdicts[3].Error!.RetrySuggested);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, verdicts[5].CloseStatus);
    }

    private static InboundGuard Guard(GatewayOptions options) => new(options, new InboundFrameParser(new FixedOptionsMonitor<GatewayOptions>(options)));
}
