package org.rehabtelemetry.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.rehabtelemetry.config.TlsFiles;
import org.rehabtelemetry.config.cli.CommandLines;
import org.rehabtelemetry.gateway.cli.GatewayCli;
import org.rehabtelemetry.testsupport.MosquittoServer;

/**
 * A site as an administrator sets it up, for the security ITs: a CA and the broker's certificate
 * from {@code scripts/site-ca}, accounts from {@code gateway provision}, and Mosquitto running the
 * production config ({@code deploy/mosquitto/rehab-telemetry.conf}) with only its port, bind
 * address and directories rewritten. Not thread-safe.
 */
public final class SecureBroker implements AutoCloseable {
  public static final String SITE = "ward-b";

  public final Path dir;
  public final Path ca;
  public final Path provisioning;
  public final Path audit;
  public final MosquittoServer broker;

  public SecureBroker(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    Path certs = dir.resolve("certs");
    run(List.of(script("site-ca").toString(), "init", certs.toString()));
    run(
        List.of(
            script("site-ca").toString(), "server", certs.toString(), "localhost", "127.0.0.1"));
    this.ca = certs.resolve("site-ca.pem");
    this.provisioning = dir.resolve("broker");
    this.audit = dir.resolve("audit");
    Files.createDirectories(audit); // the gateway makes it at its first start
    List<String> production =
        Files.readAllLines(repo().resolve("deploy/mosquitto/rehab-telemetry.conf"));
    this.broker =
        MosquittoServer.withConfig(port -> rewrite(production, port, certs, provisioning));
  }

  /** Issues {@code name} a client certificate with {@code scripts/site-ca client}. */
  public void certify(String name) throws IOException, InterruptedException {
    run(List.of(script("site-ca").toString(), "client", certs().toString(), name));
  }

  public Path certs() {
    return ca.getParent();
  }

  /** The TLS files of {@code name}'s certificate, or only the CA when {@code name} is null. */
  public TlsFiles tls(String name) {
    return name == null
        ? new TlsFiles(ca, null, null)
        : new TlsFiles(ca, certs().resolve(name + ".pem"), certs().resolve(name + ".key"));
  }

  /** Enrols through the real command line; returns its output. Fails the test if it fails. */
  public String provision(String... args) {
    List<String> all = new ArrayList<>(List.of("provision"));
    all.add(args[0]);
    all.addAll(List.of("--dir", provisioning.toString(), "--audit-dir", audit.toString()));
    all.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CommandLines.execute(
            new GatewayCli(),
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(new String[0]));
    if (code != 0) {
      throw new IllegalStateException("provision " + all + " exited " + code + ": " + err + out);
    }
    return out.toString();
  }

  /** The password issued to {@code name}. */
  public char[] password(String name) throws IOException {
    return Files.readString(
            provisioning.resolve("issued").resolve(name).resolve("mqtt-password"), UTF_8)
        .strip()
        .toCharArray();
  }

  public Path passwordFile(String name) {
    return provisioning.resolve("issued").resolve(name).resolve("mqtt-password");
  }

  /**
   * The {@code mqtt} keys with which {@code name} logs in, for a YAML flow map: its user, the
   * password file issued to it, the site CA, and its certificate and key.
   */
  public String mqttKeys(String name) {
    return "username: "
        + name
        + ", passwordFile: \""
        + passwordFile(name)
        + "\", caFile: \""
        + ca
        + "\", certFile: \""
        + certs().resolve(name + ".pem")
        + "\", keyFile: \""
        + certs().resolve(name + ".key")
        + "\"";
  }

  public String uri() {
    return "ssl://127.0.0.1:" + broker.port();
  }

  /** Connect options over TLS with the site CA, checking the broker's name, as the products do. */
  public MqttConnectOptions options(String certificate, String username, char[] password) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(tls(certificate).socketFactory());
    options.setHttpsHostnameVerificationEnabled(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setMaxInflight(1000);
    if (username != null) {
      options.setUserName(username);
    }
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  /**
   * A connected client presenting {@code username}'s certificate (none for an unknown or null
   * name), or the broker's refusal as an exception.
   */
  public MqttClient connect(String clientId, String username, char[] password, boolean clean)
      throws MqttException {
    String certificate =
        username != null && Files.exists(certs().resolve(username + ".pem")) ? username : null;
    return connect(certificate, clientId, username, password, clean);
  }

  /** A connected client presenting {@code certificate}'s certificate (null: none). */
  public MqttClient connect(
      String certificate, String clientId, String username, char[] password, boolean clean)
      throws MqttException {
    MqttClient client = new MqttClient(uri(), clientId, new MemoryPersistence());
    MqttConnectOptions options = options(certificate, username, password);
    options.setCleanSession(clean);
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  @Override
  public void close() {
    broker.close();
  }

  /**
   * The production config for this test: the listener on {@code port} and 127.0.0.1, the files in
   * the temp dir, logs on stderr. Every rewritten line must be found, so a change of the production
   * file's shape fails here instead of silently testing something else.
   */
  private static List<String> rewrite(
      List<String> production, int port, Path certs, Path provisioning) {
    Map<String, String> replace =
        Map.of(
            "listener 8883", "listener " + port + " 127.0.0.1",
            "cafile /etc/mosquitto/certs/site-ca.pem", "cafile " + certs.resolve("site-ca.pem"),
            "certfile /etc/mosquitto/certs/broker.pem",
                "certfile " + certs.resolve("localhost.pem"),
            "keyfile /etc/mosquitto/certs/broker.key", "keyfile " + certs.resolve("localhost.key"),
            "password_file /etc/rehab-telemetry/broker/passwd",
                "password_file " + provisioning.resolve("passwd"),
            "acl_file /etc/rehab-telemetry/broker/acl", "acl_file " + provisioning.resolve("acl"),
            "persistence_location /var/lib/mosquitto/",
                "persistence_location " + provisioning.getParent().resolve("mosquitto-data") + "/",
            "log_dest syslog", "");
    List<String> lines = new ArrayList<>();
    int replaced = 0;
    for (String line : production) {
      String with = replace.get(line.strip());
      if (with != null) {
        replaced++;
      }
      lines.add(with != null ? with : line);
    }
    if (replaced != replace.size()) {
      throw new IllegalStateException(
          "the production mosquitto config changed shape: " + replaced + " of " + replace.size());
    }
    try {
      Files.createDirectories(provisioning.getParent().resolve("mosquitto-data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  public static Path repo() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("deploy")) ? here : here.getParent();
  }

  private static Path script(String name) {
    return repo().resolve("scripts").resolve(name);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: " + output);
    }
  }
}
