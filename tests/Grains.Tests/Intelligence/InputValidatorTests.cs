using Conversations.Grains.Intelligence;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class InputValidatorTests
{
    private readonly InputValidator _validator = new();

    [Theory]
    [InlineData("ana@acme.io", "ana@acme.io")]
    [InlineData("sure, it's Ana.Lopez+crm@Mail.Acme.co.uk thanks", "ana.lopez+crm@mail.acme.co.uk")]
    public void FindsAnEmailAddressInTheAnswer(string text, string expected)
    {
        var answer = _validator.Validate(ExpectedInputs.Email, text);
        Assert.True(answer.Valid);
        Assert.Equal(expected, answer.Value);
    }

    [Theory]
    [InlineData("ana at acme dot com")]
    [InlineData("ana@acme")]
    [InlineData("@acme.com")]
    [InlineData("yes")]
    [InlineData("")]
    public void RefusesWhatIsNotAnEmailAddress(string text) => Assert.False(_validator.Validate(ExpectedInputs.Email, text).Valid);

    [Theory]
    [InlineData("12", "12")]
    [InlineData("we are about 25 people", "25")]
    [InlineData("11-50", "50")]
    [InlineData("More than 200", "200")]
    [InlineData("a dozen", "12")]
    [InlineData("twenty", "20")]
    public void ReadsATeamSize(string text, string expected)
    {
        var answer = _validator.Validate(ExpectedInputs.TeamSize, text);
        Assert.True(answer.Valid);
        Assert.Equal(expected, answer.Value);
    }

    [Theory]
    [InlineData("not sure yet")]
    [InlineData("0")]
    [InlineData("lots")]
    public void RefusesWhatIsNotATeamSize(string text) => Assert.False(_validator.Validate(ExpectedInputs.TeamSize, text).Valid);

    [Fact]
    public void AnUnknownKindOfInputIsNeverValid() => Assert.False(_validator.Validate("shoe_size", "42").Valid);
}
