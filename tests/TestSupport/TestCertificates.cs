using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conversations.Tests.Support;

/// <summary>
/// A throwaway certificate authority and certificates it issues, written as PEM files (certificate, key,
/// authority) the way a Kubernetes TLS Secret mounts them. Made fresh by each test; nothing is committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _authorityKey;
    private readonly X509Certificate2 _authority;

    private TestCertificates(string folder, string name)
    {
        Folder = folder;
        _authorityKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", _authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        AuthorityPath = Path.Combine(folder, "ca.crt");
        File.WriteAllText(AuthorityPath, _authority.ExportCertificatePem());
    }

    /// <summary>Where the files are.</summary>
    public string Folder { get; }

    /// <summary>The authority's certificate (PEM).</summary>
    public string AuthorityPath { get; }

    /// <summary>A new authority in a new temporary folder.</summary>
    public static TestCertificates CreateAuthority(string name = "conversations-test-ca")
    {
        var folder = Path.Combine(Path.GetTempPath(), $"certs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new TestCertificates(folder, name);
    }

    /// <summary>Issues a certificate for server and client authentication; returns its certificate and key files.</summary>
    public (string CertificatePath, string KeyPath) Issue(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        var certificatePath = Path.Combine(Folder, $"{name}.crt");
        var keyPath = Path.Combine(Folder, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>A certificate of <paramref name="name"/>'s with its key, as a peer would present it.</summary>
    public X509Certificate2 Load(string name)
    {
        var (certificate, key) = Issue(name);
        return X509Certificate2.CreateFromPemFile(certificate, key);
    }

    /// <summary>The <c>Cluster:Tls</c> settings of a process holding <paramref name="name"/>'s certificate.</summary>
    public Dictionary<string, string> Settings(string name)
    {
        var (certificate, key) = Issue(name);
        return new Dictionary<string, string>
        {
            ["Cluster:Tls:CertificatePath"] = certificate,
            ["Cluster:Tls:KeyPath"] = key,
            ["Cluster:Tls:CaPath"] = AuthorityPath,
        };
    }

    public void Dispose()
    {
        _authority.Dispose();
        _authorityKey.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temporary folder is cleaned by the system.
        }
    }
}
