using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class ToneSelectorTests
{
    private readonly ToneSelector _selector = new();

    [Theory]
    [InlineData(0, Tone.Helpful)]
    [InlineData(2, Tone.Helpful)]
    [InlineData(3, Tone.Patient)]
    [InlineData(5, Tone.Apologetic)]
    [InlineData(7, Tone.Empathetic)]
    [InlineData(9, Tone.EmpatheticEscalation)]
    [InlineData(10, Tone.EmpatheticEscalation)]
    public void FrustrationBandsPickTheTone(int frustration, Tone expected) =>
        Assert.Equal(expected, _selector.Choose(frustration, 0, handingOff: false));

    [Fact]
    public void FailedFollowUpsCallForMoreCareThanFrustrationAlone()
    {
        Assert.Equal(Tone.Apologetic, _selector.Choose(0, 2, handingOff: false));
        Assert.Equal(Tone.EmpatheticEscalation, _selector.Choose(0, 7, handingOff: false));
    }

    [Fact]
    public void AHandOverIsAlwaysEmpatheticEscalation() =>
        Assert.Equal(Tone.EmpatheticEscalation, _selector.Choose(0, 0, handingOff: true));
}
