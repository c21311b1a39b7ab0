using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Conversations.Tests.Support;

/// <summary>
/// Connects to a port over TLS as a peer would, with a given client certificate or none, and says whether
/// the server keeps the connection. A server that refuses the peer closes it (during the handshake, or in
/// TLS 1.3 right after it, when it has checked the certificate).
/// </summary>
public static class TlsProbe
{
    /// <summary>Whether the server closes the connection within <paramref name="within"/>.</summary>
    /// <param name="port">The loopback port.</param>
    /// <param name="clientCertificate">The certificate to present, or none.</param>
    /// <param name="within">How long to wait for the server to close.</param>
    public static async Task<bool> IsClosedWithinAsync(int port, X509Certificate2? clientCertificate, TimeSpan within)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        Stream stream = tcp.GetStream();
        using var bound = new CancellationTokenSource(within);
        try
        {
            // What is probed is the server's verdict on this peer, not this peer's on the server: any
            // certificate of the server's will do.
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, _, _) => certificate is not null);
            stream = tls;
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                },
                bound.Token);

            var buffer = new byte[256];
            while (true)
            {
                if (await stream.ReadAsync(buffer, bound.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            // Still open: the server waits for this peer's next message.
            return false;
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }
}
