using System.Text;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Settings;

namespace Conversations.Gateway.Tests.Protocol;

public sealed class InboundFrameParserTests
{
    private readonly InboundFrameParser _parser = new(new FixedOptionsMonitor<GatewayOptions>(new GatewayOptions { MaxContentChars = 4000 }));

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":\"user_message\"")]
    [InlineData("[1,2,3]")]
    [InlineData("\"user_message\"")]
    [InlineData("")]
    public void NonJsonOrNonObjectIsInvalid(string text) => AssertInvalid(Parse(text), ErrorCodes.InvalidMessage);

    [Fact]
    public void NullIsInvalid() => AssertInvalid(Parse("null"), ErrorCodes.InvalidMessage);

    [Theory]
    [InlineData("{}", "type")]
    [InlineData("{\"type\":\"\"}", "type")]
    [InlineData("{\"type\":\"dance\"}", "type")]
    [InlineData("{\"type\":\"user_message\",\"content\":\"hi\"}", "id")]
    [InlineData("{\"type\":\"user_message\",\"id\":\"\",\"content\":\"hi\"}", "id")]
    [InlineData("{\"type\":\"user_message\",\"id\":\"m1\"}", "content")]
    [InlineData("{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"   \"}", "content")]
    [InlineData("{\"type\":\"user_message\",\"id\":\"m1\",\"content\":42}", "content")]
    [InlineData("{\"type\":\"user_message\",\"id\":7,\"content\":\"hi\"}", "id")]
    [InlineData("{\"type\":\"resume\"}", "last_seq")]
    [InlineData("{\"type\":\"resume\",\"last_seq\":-1}", "last_seq")]
    [InlineData("{\"type\":\"resume\",\"last_seq\":\"ten\"}", "last_seq")]
    [InlineData("{\"type\":\"cancel\",\"turn\":0}", "turn")]
    public void MissingOrBadFieldsNameTheField(string text, string field)
    {
        var parsed = Parse(text);
        AssertInvalid(parsed, ErrorCodes.InvalidMessage);
        Assert.Equal(field, parsed.Field);
    }

    [Fact]
    public void MessageIdLongerThan64CharactersIsInvalid()
    {
        var parsed = Parse($"{{\"type\":\"user_message\",\"id\":\"{new string('x', 65)}\",\"content\":\"hi\"}}");
        AssertInvalid(parsed, ErrorCodes.InvalidMessage);
        Assert.Equal("id", parsed.Field);
    }

    [Fact]
    public void ContentOverTheLimitIsTooLarge()
    {
        var parsed = Parse($"{{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"{new string('a', 4001)}\"}}");
        AssertInvalid(parsed, ErrorCodes.MessageTooLarge);
        Assert.Equal("content", parsed.Field);
        Assert.Equal(4000, parsed.Limit);
    }

    [Fact]
    public void ErrorsAboutAUserMessageNameItsId()
    {
        Assert.Equal("m9", Parse("{\"type\":\"user_message\",\"id\":\"m9\",\"content\":\"\"}").MessageId);
        Assert.Null(Parse("{\"type\":\"user_message\",\"content\":\"hi\"}").MessageId);
    }

    [Fact]
    public void ContentAtTheLimitIsAccepted() =>
        Assert.True(Parse($"{{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"{new string('a', 4000)}\"}}").IsValid);

    [Theory]
    [InlineData("{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"hello\",\"user_name\":\"Ana\"}")]
    [InlineData("{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"hello\",\"something_new\":{\"a\":1}}")]
    [InlineData("{\"content\":\"hello\",\"id\":\"m1\",\"type\":\"user_message\"}")]
    [InlineData("{\"type\":\"resume\",\"last_seq\":0}")]
    [InlineData("{\"type\":\"resume\",\"last_seq\":123456789012}")]
    [InlineData("{\"type\":\"cancel\"}")]
    [InlineData("{\"type\":\"cancel\",\"turn\":3}")]
    [InlineData("{\"type\":\"ping\"}")]
    public void ValidFramesParse(string text) => Assert.True(Parse(text).IsValid, Parse(text).ErrorMessage);

    [Fact]
    public void UserMessageFieldsAreRead()
    {
        var frame = Parse("{\"type\":\"user_message\",\"id\":\"m1\",\"content\":\"hello\",\"user_name\":\"Ana\"}").Frame!;
        Assert.Equal(("m1", "hello", "Ana"), (frame.Id, frame.Content, frame.UserName));
    }

    private InboundFrame Parse(string text) => _parser.Parse(Encoding.UTF8.GetBytes(text));

    private static void AssertInvalid(InboundFrame parsed, string code)
    {
        Assert.False(parsed.IsValid);
        Assert.Equal(code, parsed.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(parsed.ErrorMessage));
    }
}
