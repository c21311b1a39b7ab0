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

    /// <summary>
    /// The <c>aud</c> tokens must have. Required with <see cref="Authority"/> (an identity provider signs
    /// tokens for many applications; without it, a token meant for any of them would do); not checked when
    /// empty with a signing key.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// The signature algorithms accepted (<c>alg</c>); a token signed with any other is refused. Default:
    /// <c>HS256</c> with a signing key, <c>RS256</c>, <c>PS256</c> and <c>ES256</c> with an authority.
    /// </summary>
    public string[] Algorithms { get; set; } = [];

    /// <summary>
    /// The claim that names a token's roles. Default <c>role</c>. A token whose claim holds
    /// <see cref="OperatorRole"/> may read <c>/health/clients</c>, <c>/analytics</c> and the dashboard.
    /// </summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>The role of operators. Default <c>conversations-operator</c>.</summary>
    public string OperatorRole { get; set; } = "conversations-operator";

    /// <summary>
    /// How long a socket ticket (<c>POST /conversations/{id}/socket-ticket</c>) may wait to be used. Default 30 seconds.
    /// </summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a WebSocket may carry its token as <c>access_token</c> in the URL. Default true (the
    /// protocol allows it); a URL ends up in proxies' access logs, so a deployment whose clients all use
    /// socket tickets can turn it off.
    /// </summary>
    public bool AllowQueryToken { get; set; } = true;

    /// <summary>How far clocks may disagree when checking a token's lifetime. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the authority must be reached over HTTPS. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
