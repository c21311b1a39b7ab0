using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conversations.Grains.Persistence;

/// <summary>One versioned schema script.</summary>
/// <param name="Version">Its number; scripts apply in this order.</param>
/// <param name="Name">What it creates.</param>
/// <param name="Sql">The script.</param>
public sealed record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the script's text (line ends as <c>\n</c>, so a checkout with other line ends agrees), in hex:
    /// recorded when the script is applied, compared at every start.
    /// </summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>The script's file name.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Version:000}_{Name}.sql");
}
