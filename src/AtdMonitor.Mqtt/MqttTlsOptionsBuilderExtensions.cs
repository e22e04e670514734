using MQTTnet;

namespace AtdMonitor.Mqtt;

/// <summary>The one place the project turns <see cref="MqttTlsSettings"/> into MQTTnet's TLS options.</summary>
public static class MqttTlsOptionsBuilderExtensions
{
    /// <summary>Applies <paramref name="settings"/>: nothing without <see cref="MqttTlsSettings.UseTls"/>; else TLS with
    /// the given trust (CA file, or any certificate when untrusted ones are allowed) and client certificate.</summary>
    public static MqttClientOptionsBuilder WithTls(this MqttClientOptionsBuilder builder, MqttTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.UseTls)
        {
            return builder;
        }

        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls();
            if (settings.AllowUntrustedCertificates)
            {
                tls.WithCertificateValidationHandler(_ => true);
            }

            if (!string.IsNullOrEmpty(settings.CaCertificateFile))
            {
                tls.WithTrustChain(MqttTlsCertificates.LoadTrustedCas(settings.CaCertificateFile));
            }

            if (!string.IsNullOrEmpty(settings.ClientCertificateFile))
            {
                tls.WithClientCertificates([MqttTlsCertificates.LoadClientCertificate(settings.ClientCertificateFile, settings.ClientKeyFile)]);
            }
        });
    }
}
