package org.rehabtelemetry.simulator.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.rehabtelemetry.config.TlsFiles;

/**
 * How each virtual device of a fleet logs in to a secured broker, as a provisioned agent would:
 * user = its device id, the password that {@code gateway provision device} issued to it ({@code
 * ISSUED/ID/mqtt-password}), TLS against the site CA with the broker's name verified, and, when
 * {@code certDir} is set, its client certificate {@code CERTS/ID.pem} with key {@code CERTS/ID.key}
 * (from {@code scripts/site-ca client ID}).
 *
 * @param issuedDir the provisioning directory's {@code issued} folder
 * @param caFile the site CA (PEM)
 * @param certDir where the devices' certificates and keys are, or null for none
 */
public record FleetCredentials(Path issuedDir, Path caFile, Path certDir) {

  /**
   * Sets {@code deviceId}'s user, password and TLS on {@code options}.
   *
   * @throws UncheckedIOException naming the file if a password cannot be read
   */
  public void apply(MqttConnectOptions options, String deviceId) {
    Path passwordFile = issuedDir.resolve(deviceId).resolve("mqtt-password");
    try {
      options.setUserName(deviceId);
      options.setPassword(
          Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no password for " + deviceId + " in " + passwordFile + " (provision it first)", e);
    }
    TlsFiles tls =
        certDir == null
            ? new TlsFiles(caFile, null, null)
            : new TlsFiles(
                caFile, certDir.resolve(deviceId + ".pem"), certDir.resolve(deviceId + ".key"));
    options.setSocketFactory(tls.socketFactory());
    options.setHttpsHostnameVerificationEnabled(true);
  }
}
