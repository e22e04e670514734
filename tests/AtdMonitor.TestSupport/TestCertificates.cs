using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AtdMonitor.TestSupport;

/// <summary>A throw-away PKI for one test run, written as PEM files: a CA, a server certificate for
/// 127.0.0.1/localhost and a client certificate, all signed by the CA and valid for a day.
/// Made in-process with <see cref="CertificateRequest"/> (no openssl needed); keys are ECDSA P-256.</summary>
public sealed class TestCertificates
{
    private TestCertificates(string directory)
    {
        CaCertificatePath = Path.Combine(directory, "ca.crt");
        ServerCertificatePath = Path.Combine(directory, "server.crt");
        ServerKeyPath = Path.Combine(directory, "server.key");
        ClientCertificatePath = Path.Combine(directory, "client.crt");
        ClientKeyPath = Path.Combine(directory, "client.key");
    }

    public string CaCertificatePath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public string ClientCertificatePath { get; }

    public string ClientKeyPath { get; }

    /// <summary>The CA certificate, for a client's trust chain.</summary>
    public X509Certificate2 LoadCa() => X509CertificateLoader.LoadCertificateFromFile(CaCertificatePath);

    /// <summary>The client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2 LoadClientCertificate() => X509Certificate2.CreateFromPemFile(ClientCertificatePath, ClientKeyPath);

    public static TestCertificates Create(string directory, string clientName)
    {
        var certificates = new TestCertificates(directory);
        var now = DateTimeOffset.UtcNow;
        var notBefore = now.AddMinutes(-5);
        var notAfter = now.AddDays(1);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AtdMonitor test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(certificates.CaCertificatePath, ca.ExportCertificatePem());

        var serverNames = new SubjectAlternativeNameBuilder();
        serverNames.AddIpAddress(IPAddress.Loopback);
        serverNames.AddDnsName("localhost");
        IssueLeaf(ca, "CN=localhost", serverNames.Build(), "1.3.6.1.5.5.7.3.1", notBefore, notAfter, certificates.ServerCertificatePath, certificates.ServerKeyPath);

        var clientNames = new SubjectAlternativeNameBuilder();
        clientNames.AddDnsName(clientName);
        IssueLeaf(ca, $"CN={clientName}", clientNames.Build(), "1.3.6.1.5.5.7.3.2", notBefore, notAfter, certificates.ClientCertificatePath, certificates.ClientKeyPath);
        return certificates;
    }

    private static void IssueLeaf(X509Certificate2 ca, string subject, X509Extension subjectAlternativeNames, string extendedKeyUsageOid,
        DateTimeOffset notBefore, DateTimeOffset notAfter, string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], critical: false));
        request.CertificateExtensions.Add(subjectAlternativeNames);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serialNumber = RandomNumberGenerator.GetBytes(16);
        serialNumber[0] &= 0x7F; // positive
        using var certificate = request.Create(ca, notBefore, notAfter, serialNumber);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
