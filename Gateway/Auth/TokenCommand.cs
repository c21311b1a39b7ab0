using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Conversations.Gateway.Auth;

/// <summary>
/// <c>Gateway token --user NAME [--operator] [--lifetime HH:MM:SS]</c>: prints a token signed with the
/// configured <c>Auth:SigningKey</c>, for trying a gateway with authentication on. The configuration is
/// read as the gateway reads it (<c>appsettings.json</c>, the environment, and any <c>--Key value</c>
/// arguments), so the token carries the issuer, audience and role claim that gateway checks.
/// </summary>
public static class TokenCommand
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Name = "token";

    /// <summary>How long a token is valid unless <c>--lifetime</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private const string Usage = "usage: token --user NAME [--operator] [--lifetime HH:MM:SS] [--Auth:SigningKey KEY ...]";

    /// <summary>Whether <paramref name="args"/> ask for this command rather than for the gateway.</summary>
    public static bool Matches(string[] args) => args is [Name, ..];

    /// <summary>Writes the token to <paramref name="output"/>; returns the exit code (2: bad arguments or configuration).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? user = null;
        var isOperator = false;
        var lifetime = DefaultLifetime;
        var configuration = new List<string>();
        for (var i = Matches(args) ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user" when i + 1 < args.Length:
                    user = args[++i];
                    break;
                case "--operator":
                    isOperator = true;
                    break;
                case "--lifetime" when i + 1 < args.Length && TimeSpan.TryParse(args[i + 1], CultureInfo.InvariantCulture, out lifetime) && lifetime > TimeSpan.Zero:
                    i++;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains(':', StringComparison.Ordinal):
                    configuration.Add(setting);
                    if (i + 1 < args.Length && !setting.Contains('=', StringComparison.Ordinal))
                    {
                        configuration.Add(args[++i]);
                    }

                    break;
                default:
                    error.WriteLine($"token: unexpected argument '{args[i]}'.");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            error.WriteLine("token: --user is required (it becomes the token's 'sub', the user who owns conversations).");
            error.WriteLine(Usage);
            return 2;
        }

        var auth = WebApplication.CreateBuilder([.. configuration]).Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrEmpty(auth.SigningKey) || Encoding.UTF8.GetByteCount(auth.SigningKey) < 32)
        {
            error.WriteLine("token: Auth:SigningKey is not set or shorter than 32 bytes; set it as the gateway has it (Auth__SigningKey in the environment, or --Auth:SigningKey KEY).");
            return 2;
        }

        var algorithm = AuthServiceExtensions.AcceptedAlgorithms(auth).FirstOrDefault(a => a.StartsWith("HS", StringComparison.Ordinal));
        if (algorithm is null)
        {
            error.WriteLine("token: Auth:Algorithms names no HMAC algorithm (HS256, HS384, HS512), so the gateway accepts no token signed with Auth:SigningKey.");
            return 2;
        }

        output.WriteLine(Issue(auth, user, isOperator, lifetime, algorithm, DateTime.UtcNow));
        error.WriteLine($"token: for '{user}'{(isOperator ? $", with {auth.RoleClaim}={auth.OperatorRole}" : string.Empty)}, valid for {lifetime}. Send it as 'Authorization: Bearer <token>', or open the chat page as /#access_token=<token>.");
        return 0;
    }

    private static string Issue(AuthOptions auth, string user, bool isOperator, TimeSpan lifetime, string algorithm, DateTime now)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, user) };
        if (isOperator)
        {
            claims.Add(new Claim(auth.RoleClaim, auth.OperatorRole));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Issuer = string.IsNullOrEmpty(auth.Issuer) ? null : auth.Issuer,
            Audience = string.IsNullOrEmpty(auth.Audience) ? null : auth.Audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!)), algorithm),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
