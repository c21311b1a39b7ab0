using System.Security.Cryptography;
using System.Text;
using Conversations.Grains.Webhooks;

namespace Conversations.Grains.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"turn.answered"}""");

    // The documented recipe, computed independently: hex HMAC-SHA256 of "<t>.<body>" keyed with the secret.
    [Fact]
    public void TheSignatureIsTheHmacOfTimestampDotBody()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000.").Concat(Body).ToArray()));
        Assert.Equal($"t=1700000000,v1={expected}", WebhookSignature.Create(Secret, 1700000000, Body));
    }

    [Fact]
    public void VerifyAcceptsItsOwnSignatureWithinTheToleranceOnly()
    {
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var header = WebhookSignature.Create(Secret, sentAt.ToUnixTimeSeconds(), Body);
        Assert.True(WebhookSignature.Verify(header, Secret, Body, sentAt.AddSeconds(30), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, Secret, Body, sentAt.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, "another-secret-123", Body, sentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header, Secret, [.. Body, (byte)' '], sentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(header.Replace("t=1700000000", "t=1700000001", StringComparison.Ordinal), Secret, Body, sentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(null, Secret, Body, sentAt, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("v1=zz", Secret, Body, sentAt, TimeSpan.FromMinutes(5)));
    }
}
