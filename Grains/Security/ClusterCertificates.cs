using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conversations.Grains.Security;

/// <summary>This process's certificate and the authority every peer's certificate must chain to.</summary>
public sealed class ClusterCertificates : IDisposable
{
    private ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The trusted authorities (usually one).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads the PEM files named by <paramref name="settings"/>, saying which key to fix when one is wrong.</summary>
    public static ClusterCertificates Load(ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(settings.CertificatePath!, settings.KeyPath);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{ClusterTlsSettings.SectionName}:CertificatePath '{settings.CertificatePath}' and {ClusterTlsSettings.SectionName}:KeyPath '{settings.KeyPath}' " +
                $"must be a PEM certificate and its PEM private key: {exception.Message}", exception);
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(settings.CaPath!);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{ClusterTlsSettings.SectionName}:CaPath '{settings.CaPath}' must be a PEM certificate: {exception.Message}", exception);
        }

        if (authorities.Count == 0)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{ClusterTlsSettings.SectionName}:CaPath '{settings.CaPath}' holds no PEM certificate.");
        }

        return new ClusterCertificates(certificate, authorities);
    }

    /// <summary>
    /// Whether <paramref name="remote"/> was issued by one of the <see cref="Authorities"/> (and is within its
    /// validity period). Host names are not checked: pods are reached by IP, and holding a certificate from the
    /// cluster's own authority is what makes a peer a member.
    /// </summary>
    /// <param name="remote">The peer's certificate.</param>
    /// <param name="presented">The chain the peer's handshake produced, whose intermediates may be needed.</param>
    public bool IsIssuedByAuthority(X509Certificate2 remote, X509Chain? presented)
    {
        ArgumentNullException.ThrowIfNull(remote);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(remote);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var authority in Authorities)
        {
            authority.Dispose();
        }
    }
}
