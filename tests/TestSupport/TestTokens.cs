using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Tests.Support;

/// <summary>JWTs signed with a symmetric key, as an identity service would issue them.</summary>
public static class TestTokens
{
    /// <summary>A signing key long enough for HMAC SHA-256.</summary>
    public const string SigningKey = "test-signing-key-of-at-least-32-bytes-0123456789";

    /// <summary>The role that makes a token an operator's, as the gateway expects by default.</summary>
    public const string OperatorRole = "conversations-operator";

    /// <summary>A token for <paramref name="subject"/> (no <c>sub</c> claim when null), valid for <paramref name="lifetime"/> from now (negative: already expired).</summary>
    public static string Issue(string? subject, TimeSpan? lifetime = null, string key = SigningKey, string? audience = null, string? issuer = null, string? role = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var claims = new List<Claim>();
        if (subject is not null)
        {
            claims.Add(new Claim(JwtRegisteredClaimNames.Sub, subject));
        }

        if (role is not null)
        {
            claims.Add(new Claim("role", role));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Audience = audience,
            Issuer = issuer,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
