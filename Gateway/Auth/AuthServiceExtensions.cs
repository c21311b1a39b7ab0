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
        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(CallerIdentity.SubjectClaim));
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
            ValidateIssuer = !string.IsNullOrEmpty(auth.Issuer) || !string.IsNullOrEmpty(auth.Authority),
            ValidIssuer = string.IsNullOrEmpty(auth.Issuer) ? null : auth.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(auth.Audience),
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = CallerIdentity.SubjectClaim,
            IssuerSigningKey = string.IsNullOrEmpty(auth.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey)),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnMessageReceived = ReadWebSocketToken,
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
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var message = context.AuthenticateFailure switch
        {
            null => "A bearer token is required: send 'Authorization: Bearer <token>', or access_token=<token> in a WebSocket URL.",
            SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature is not valid.",
            SecurityTokenInvalidAudienceException => "The token is for another audience.",
            SecurityTokenInvalidIssuerException => "The token is from another issuer.",
            _ => "The token is not valid.",
        };
        return new HttpRefusal(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message).WriteAsync(context.HttpContext);
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context) =>
        new HttpRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, "The token has no 'sub' claim naming the user.")
            .WriteAsync(context.HttpContext);
}
