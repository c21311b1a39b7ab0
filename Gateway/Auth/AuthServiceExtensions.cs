using System.Text;
using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Gateway.Auth;

/// <summary>Registers JWT bearer authentication and marks the endpoints that need a user.</summary>
public static class AuthServiceExtensions
{
    /// <summary>The authorization policy of endpoints that act for a user.</summary>
    public const string UserPolicy = "conversations-user";

    /// <summary>The authorization policy of endpoints for operators: every user's connections, analytics, the dashboard.</summary>
    public const string OperatorPolicy = "conversations-operator";

    /// <summary>The authorization policy of endpoints for a user or an operator, told apart by the endpoint.</summary>
    public const string SignedInPolicy = "conversations-signed-in";

    /// <summary>The signature algorithms <see cref="AuthOptions.Algorithms"/> may name.</summary>
    public static readonly IReadOnlySet<string> KnownAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    /// <summary>
    /// Binds <see cref="AuthOptions"/> and, when authentication is on (the default outside the embedded mode),
    /// adds ASP.NET Core's JWT bearer handler, which also reads <c>access_token</c> from WebSocket URLs.
    /// </summary>
    public static WebApplicationBuilder AddConversationsAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = builder.Configuration.GetValue($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Mode)}", GatewayMode.Embedded);
        var enabled = builder.Configuration.GetValue<bool?>($"{AuthOptions.SectionName}:{nameof(AuthOptions.Enabled)}") ?? mode != GatewayMode.Embedded;
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .PostConfigure(options => options.Enabled = enabled)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<CallerIdentity>();
        services.AddHostedService<AuthBanner>();
        if (!enabled)
        {
            return builder;
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        var roles = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(CallerIdentity.SubjectClaim))
            .AddPolicy(OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(roles.RoleClaim, roles.OperatorRole))
            .AddPolicy(SignedInPolicy, policy => policy.RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Requires a user's token on the endpoints when authentication is on.</summary>
    public static TBuilder RequireConversationsUser<TBuilder>(this TBuilder endpoints, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<CallerIdentity>().Enabled
            ? endpoints.RequireAuthorization(UserPolicy)
            : endpoints;
    }

    /// <summary>Requires a valid token, a user's or an operator's, on the endpoints when authentication is on.</summary>
    public static TBuilder RequireConversationsSignedIn<TBuilder>(this TBuilder endpoints, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<CallerIdentity>().Enabled
            ? endpoints.RequireAuthorization(SignedInPolicy)
            : endpoints;
    }

    /// <summary>Requires an operator's token (<see cref="AuthOptions.OperatorRole"/>) on the endpoints when authentication is on.</summary>
    public static TBuilder RequireConversationsOperator<TBuilder>(this TBuilder endpoints, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<CallerIdentity>().Enabled
            ? endpoints.RequireAuthorization(OperatorPolicy)
            : endpoints;
    }

    /// <summary>The algorithms accepted: the configured ones, or those that fit how tokens are signed.</summary>
    public static IReadOnlyList<string> AcceptedAlgorithms(AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.Algorithms.Length > 0)
        {
            return auth.Algorithms;
        }

        var accepted = new List<string>();
        if (!string.IsNullOrEmpty(auth.SigningKey))
        {
            accepted.Add(SecurityAlgorithms.HmacSha256);
        }

        if (!string.IsNullOrEmpty(auth.Authority))
        {
            accepted.AddRange([SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256]);
        }

        return accepted;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        // The claims keep their JWT names: "sub" stays "sub".
        jwt.MapInboundClaims = false;
        jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        if (!string.IsNullOrEmpty(auth.Authority))
        {
            jwt.Authority = auth.Authority;
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            // With an authority, its metadata supplies the issuer and the validator insists on an audience.
            ValidateIssuer = !string.IsNullOrEmpty(auth.Issuer) || !string.IsNullOrEmpty(auth.Authority),
            ValidIssuer = string.IsNullOrEmpty(auth.Issuer) ? null : auth.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.Audience) || !string.IsNullOrEmpty(auth.Authority),
            ValidAudience = auth.Audience,

            // A key that can check HS256 can also check HS384 and HS512, and an authority's keys may allow
            // several algorithms: accept only those meant.
            ValidAlgorithms = AcceptedAlgorithms(auth),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = CallerIdentity.SubjectClaim,
            IssuerSigningKey = string.IsNullOrEmpty(auth.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey)),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = auth.AllowQueryToken ? ReadWebSocketToken : _ => Task.CompletedTask,
            OnChallenge = WriteChallengeAsync,
            OnForbidden = WriteForbiddenAsync,
        };
    }

    // Browsers cannot set headers on a WebSocket, so its URL carries the token. Only WebSocket requests may:
    // a token in a plain request's URL would end up in logs and histories for nothing.
    private static Task ReadWebSocketToken(MessageReceivedContext context)
    {
        var http = context.HttpContext;
        if (string.IsNullOrEmpty(context.Token)
            && http.WebSockets.IsWebSocketRequest
            && http.Request.Query.TryGetValue("access_token", out var token))
        {
            context.Token = token.ToString();
        }

        return Task.CompletedTask;
    }

    private static Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        var message = context.AuthenticateFailure switch
        {
            null => "A bearer token is required: send 'Authorization: Bearer <token>', or access_token=<token> in a WebSocket URL.",
            SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is not valid.",
            SecurityTokenInvalidAudienceException => "The token is for another audience.",
            SecurityTokenInvalidIssuerException => "The token is from another issuer.",
            SecurityTokenInvalidAlgorithmException => $"The token is signed with an algorithm this gateway does not accept (it accepts {string.Join(", ", AcceptedAlgorithms(context.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value))}).",
            _ => "The token is not valid.",
        };
        return new HttpRefusal(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message).WriteAsync(context.HttpContext);
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        var http = context.HttpContext;
        var message = http.User.FindFirst(CallerIdentity.SubjectClaim) is null
            ? "The token has no 'sub' claim naming the user."
            : "This endpoint is for operators: the token needs the operator role (Auth:RoleClaim, Auth:OperatorRole).";
        return new HttpRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, message).WriteAsync(http);
    }
}
