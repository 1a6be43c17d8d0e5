package org.rehabtelemetry.config;

import java.nio.file.Path;

/**
 * How a client reaches the broker, read once from a config's {@code mqtt} section by {@link #read}:
 * the same keys for the agent, the gateway and the simulator's fleet. The password never appears in
 * {@link #toString()}.
 *
 * @param uri {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId the client id (stable: a persistent session is bound to it)
 * @param username the broker user, or null
 * @param password the broker password from {@code passwordFile}, or null; never logged
 * @param tls the TLS files for {@code ssl://}, or null
 */
// The password is a char[] so it can be wiped and is never a String in a log; toString below
// hides it, and nothing compares connections with equals (it would compare the array's identity).
@SuppressWarnings("ArrayRecordComponent")
public record MqttConnection(
    String uri, String clientId, String username, char[] password, TlsFiles tls) {

  /**
   * Reads {@code uri}, {@code clientId}, {@code username}, {@code passwordFile}, {@code caFile},
   * {@code certFile} and {@code keyFile} from {@code mqtt}; relative paths against {@code baseDir}.
   * An {@code ssl://} URI needs {@code caFile}; secret files must not be readable by others.
   */
  public static MqttConnection read(ConfigNode mqtt, Path baseDir, String defaultClientId) {
    String uri = mqtt.mqttUri("uri");
    String clientId =
        mqtt.matching(
            "clientId",
            "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
            "be 1-64 of A-Z a-z 0-9 _ . - (a stable id)",
            defaultClientId);
    String username = mqtt.has("username") ? mqtt.text("username") : mqtt.text("username", null);
    char[] password = mqtt.secretFile("passwordFile", baseDir);
    if (password != null && username == null) {
      throw mqtt.fail("passwordFile", "needs a username beside it");
    }
    Path ca = mqtt.readableFile("caFile", baseDir);
    Path cert = mqtt.readableFile("certFile", baseDir);
    Path key = mqtt.secretPath("keyFile", baseDir);
    if ((cert == null) != (key == null)) {
      throw mqtt.fail(
          cert == null ? "certFile" : "keyFile", "comes only with certFile and keyFile");
    }
    boolean ssl = uri.startsWith("ssl://");
    if (ssl && ca == null) {
      throw mqtt.fail("caFile", "is required for an ssl:// broker (the site CA, PEM)");
    }
    if (!ssl && (ca != null || cert != null)) {
      throw mqtt.fail(ca != null ? "caFile" : "certFile", "needs an ssl:// uri");
    }
    return new MqttConnection(
        uri, clientId, username, password, ssl ? new TlsFiles(ca, cert, key) : null);
  }

  /**
   * Why a connection failed, for a log line or an exception: the broker, the client id, the cause
   * and the client library's reason code. Never the password.
   */
  public String connectFailure(String cause, int reasonCode) {
    return "cannot connect to "
        + uri
        + " as "
        + clientId
        + ": "
        + cause
        + " (code "
        + reasonCode
        + ")";
  }

  @Override
  public String toString() {
    return "MqttConnection["
        + uri
        + " as "
        + clientId
        + ", user="
        + username
        + (password == null ? "" : ", password=***")
        + (tls == null ? "" : ", tls")
        + "]";
  }
}
