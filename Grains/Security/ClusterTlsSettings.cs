namespace Conversations.Grains.Security;

/// <summary>
/// Mutual TLS between silos and between gateways and silos (configuration section <c>Cluster:Tls</c>). Off
/// unless <see cref="CertificatePath"/> is set; then every silo-to-silo and client-to-silo connection is
/// TLS, each side presents its certificate, and each refuses a peer whose certificate was not issued by
/// <see cref="CaPath"/>'s authority. The files are PEM, as a Kubernetes TLS Secret or cert-manager writes them.
/// </summary>
public sealed class ClusterTlsSettings
{
    /// <summary>The configuration section, below <c>Cluster</c>.</summary>
    public const string SectionName = "Cluster:Tls";

    /// <summary>This process's certificate (PEM, <c>tls.crt</c>). Unset by default: TLS off.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM, <c>tls.key</c>). Required with <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// The certificate authority that issues the cluster's certificates (PEM, <c>ca.crt</c>); a peer whose
    /// certificate does not chain to it is refused. Required with <see cref="CertificatePath"/>.
    /// </summary>
    public string? CaPath { get; set; }

    /// <summary>How long a TLS handshake may take before the connection is dropped. Default 10 seconds.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether TLS is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(CertificatePath) || !string.IsNullOrEmpty(KeyPath) || !string.IsNullOrEmpty(CaPath);
}
