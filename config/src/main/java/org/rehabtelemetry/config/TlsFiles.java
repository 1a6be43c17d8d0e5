package org.rehabtelemetry.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for an MQTT client, from PEM files as {@code scripts/site-ca} makes them: the site CA that
 * signed the broker's certificate, and optionally this client's certificate and private key
 * (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}) for mutual TLS. The broker's host name is checked
 * against its certificate by the MQTT client (Paho's HTTPS-style verification).
 *
 * @param caFile the CA certificate(s) to trust, and only those
 * @param certFile this client's certificate chain, or null
 * @param keyFile this client's private key, or null (with {@code certFile})
 */
public record TlsFiles(Path caFile, Path certFile, Path keyFile) {
  public TlsFiles {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("a client certificate needs its key and the key its cert");
    }
  }

  /**
   * A socket factory that trusts exactly the CA and presents the client certificate if any.
   *
   * @throws IllegalArgumentException naming the file that cannot be used and why
   */
  public SSLSocketFactory socketFactory() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      List<Certificate> cas = certificates(caFile);
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      KeyManagerFactory keys = null;
      if (certFile != null) {
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        char[] none = new char[0];
        own.setKeyEntry(
            "client",
            privateKey(keyFile),
            none,
            certificates(certFile).toArray(new Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(own, none);
      }
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("TLS files cannot be used: " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certificates =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certificates.isEmpty()) {
        throw new IOException(file + " holds no certificate");
      }
      return certificates;
    } catch (java.security.cert.CertificateException e) {
      throw new IOException(file + " holds no readable certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IOException(
          file + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IOException(file + " holds a private key of an unsupported algorithm");
  }
}
