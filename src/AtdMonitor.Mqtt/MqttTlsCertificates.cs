using System.Security.Cryptography.X509Certificates;

namespace AtdMonitor.Mqtt;

/// <summary>The certificates of <see cref="MqttTlsSettings"/>, read from PEM files.</summary>
public static class MqttTlsCertificates
{
    /// <summary>The CA(s) the broker's certificate must chain to, instead of the system's roots.</summary>
    public static X509Certificate2Collection LoadTrustedCas(string pemPath)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(pemPath);
        return certificates.Count > 0
            ? certificates
            : throw new InvalidDataException($"The CA certificate file '{pemPath}' holds no PEM certificate.");
    }

    /// <summary>The client's own certificate and key for mutual TLS.</summary>
    public static X509Certificate2 LoadClientCertificate(string certificatePemPath, string keyPemPath)
    {
        // SslStream on Linux needs the key in a PKCS#12-backed certificate, not the ephemeral key of a PEM import.
        using var fromPem = X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
    }
}
