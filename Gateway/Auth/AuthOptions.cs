namespace Conversations.Gateway.Auth;

/// <summary>
/// JWT bearer authentication of HTTP requests and WebSockets (configuration section <c>Auth</c>). A token's
/// <c>sub</c> claim is the user, who reaches only their own conversations.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// Whether requests need a token. Default: off in the embedded mode (<c>Gateway:Mode=Embedded</c>, said
    /// loudly in the log), on when the gateway joins a cluster (<c>Gateway:Mode=Client</c>).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// A symmetric key (HMAC SHA-256, at least 32 bytes of UTF-8) that signs tokens. Either this or
    /// <see cref="Authority"/> is required when authentication is on.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect issuer whose published keys sign tokens (for example an identity provider's URL).</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> tokens must have; not checked when empty (with an authority, its own issuer is checked).</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> tokens must have; not checked when empty.</summary>
    public string? Audience { get; set; }

    /// <summary>How far clocks may disagree when checking a token's lifetime. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the authority must be reached over HTTPS. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
