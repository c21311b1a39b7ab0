using Orleans.Connections.Security;

namespace Conversations.Grains.Security;

/// <summary>
/// Orleans' TLS (Microsoft.Orleans.Connections.Security) set up as mutual TLS within one authority: each side
/// presents its certificate and refuses a peer without one issued by the cluster's authority, on silo-to-silo
/// connections (<c>Cluster:SiloPort</c>) and on client connections (<c>Cluster:GatewayPort</c>) alike.
/// </summary>
public static class ClusterTls
{
    /// <summary>Applies <paramref name="certificates"/> to Orleans' TLS options.</summary>
    public static void Configure(TlsOptions options, ClusterCertificates certificates, ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(settings);
        options.LocalCertificate = certificates.Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, chain, _) => certificates.IsIssuedByAuthority(remote, chain);
        options.HandshakeTimeout = settings.HandshakeTimeout;
    }
}
