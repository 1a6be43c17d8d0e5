package org.rehabtelemetry.gateway.storage.questdb;

import io.questdb.ServerMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's embedded store: QuestDB running in this JVM, on loopback only, with its data in a
 * directory. It speaks the InfluxDB v2 write API, so the gateway writes to it through the same
 * {@link InfluxV2Sink} as to a real InfluxDB 2.x.
 *
 * <p>At start it creates the schema's tables (see {@code docs/storage.md}) as WAL tables with
 * deduplication on their identity (timestamp and tags): a redelivered message overwrites itself, as
 * it does in InfluxDB. Columns for fields not listed here (session settings, summary metrics) are
 * added by the write itself.
 *
 * <p>Starting blocks for about two seconds. Not thread-safe for start and close; the server itself
 * serves concurrent requests.
 */
public final class EmbeddedQuestDb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);

  /** One CREATE TABLE per measurement; every key column is a tag or the timestamp. */
  static final List<String> SCHEMA =
      List.of(
          table(
              "sample",
              "site SYMBOL, device SYMBOL, session SYMBOL, channel SYMBOL, unit SYMBOL, value DOUBLE",
              "site, device, session, channel, unit"),
          table(
              "batch",
              "site SYMBOL, device SYMBOL, session SYMBOL, seq LONG, samples LONG, t0_us LONG",
              "site, device, session"),
          table(
              "session_event",
              "site SYMBOL, device SYMBOL, session SYMBOL, event SYMBOL, seq LONG, reason VARCHAR,"
                  + " patient_code VARCHAR, programme VARCHAR",
              "site, device, session, event"),
          table(
              "alarm",
              "site SYMBOL, device SYMBOL, code SYMBOL, priority SYMBOL, state SYMBOL,"
                  + " channel SYMBOL, alarm_id VARCHAR, message VARCHAR, latched BOOLEAN,"
                  + " value DOUBLE, \"limit\" DOUBLE, session VARCHAR, seq LONG",
              "site, device, code, priority, state, channel"),
          table(
              "session_summary",
              "site SYMBOL, device SYMBOL, session SYMBOL, outcome SYMBOL, seq LONG,"
                  + " records_expected LONG, started_at VARCHAR",
              "site, device, session, outcome"),
          table(
              "session_completeness",
              "site SYMBOL, device SYMBOL, session SYMBOL, received LONG, expected LONG,"
                  + " missing LONG, complete BOOLEAN, repaired BOOLEAN, gaps VARCHAR, lost LONG,"
                  + " lost_detail VARCHAR, dead_lettered LONG, dead_letter_reasons VARCHAR",
              "site, device, session"),
          table(
              "session_lost",
              "site SYMBOL, device SYMBOL, session SYMBOL, seqs VARCHAR, count LONG,"
                  + " reason VARCHAR, answered_at VARCHAR",
              "site, device, session"),
          table(
              "session_refused",
              "site SYMBOL, device SYMBOL, gateway SYMBOL, session VARCHAR, seq LONG,"
                  + " reason VARCHAR",
              "site, device, gateway"),
          table(
              "course_mark",
              "patient_code SYMBOL, action SYMBOL, prescribed LONG, operator VARCHAR",
              "patient_code, action"),
          table(
              "device_status",
              "site SYMBOL, device SYMBOL, kind SYMBOL, state VARCHAR, agent_version VARCHAR,"
                  + " clock_synchronised BOOLEAN, boot_id VARCHAR, session VARCHAR, reason VARCHAR",
              "site, device, kind"));

  private static final String LOG_CONF =
      """
      # Written by the rehab-telemetry gateway: QuestDB logs only its problems, to files here.
      writers=file
      w.file.class=io.questdb.log.LogRollingFileWriter
      w.file.location=%s/questdb.log.${date:yyyyMMdd}
      w.file.level=ERROR,CRITICAL,ADVISORY
      w.file.rollEvery=day
      w.file.lifeDuration=14d
      """;

  /** The HTTP user the gateway (and an admin at the console) logs in as. */
  public static final String USER = "rehab-gateway";

  private final Path dataDir;
  private final ServerMain server;
  private final int httpPort;
  private final String authorization;

  private EmbeddedQuestDb(Path dataDir, ServerMain server, int httpPort, String authorization) {
    this.dataDir = dataDir;
    this.server = server;
    this.httpPort = httpPort;
    this.authorization = authorization;
  }

  /**
   * Starts QuestDB with a random password made for this run and known only to this process: no one
   * else, not even a local user of the host, can use its HTTP API or console.
   */
  public static EmbeddedQuestDb start(Path dataDir, int httpPort) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    return start(dataDir, httpPort, password);
  }

  /**
   * Starts QuestDB with its data in {@code dataDir} and creates the schema. Blocks until it serves.
   *
   * <p>Its HTTP API (writes, SQL, web console) asks for the user {@value #USER} and {@code
   * password} (HTTP basic); its PostgreSQL endpoint is off; its ILP TCP/UDP, minimal HTTP and
   * metrics servers are off. So even on loopback nobody without the password reads patient codes or
   * drops a table, and a browser page on the host cannot either (a cross-origin request carries no
   * credentials).
   *
   * @param httpPort the loopback port of its HTTP API (writes, SQL, web console); 0 for any free
   * @param password the HTTP password; never logged
   * @throws IOException if it cannot start or the schema cannot be created
   */
  public static EmbeddedQuestDb start(Path dataDir, int httpPort, char[] password)
      throws IOException {
    Files.createDirectories(dataDir.resolve("conf"));
    Path logDir = Files.createDirectories(dataDir.resolve("log")).toAbsolutePath();
    Path logConf = dataDir.resolve("conf/log.conf");
    // Always ours, rewritten so that its log directory is this store's, never the working
    // directory. QuestDB's logging is configured once per JVM, from the file named by the system
    // property "out" (without it, it logs every query to stdout); a second store in the same JVM
    // (tests) logs into the first one's directory.
    Files.writeString(logConf, LOG_CONF.formatted(logDir), StandardCharsets.UTF_8);
    if (System.getProperty("out") == null) {
      System.setProperty("out", logConf.toAbsolutePath().toString());
    }
    int http = httpPort == 0 ? freeLoopbackPort() : httpPort;
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("QDB_TELEMETRY_ENABLED", "false"),
            Map.entry("QDB_HTTP_BIND_TO", "127.0.0.1:" + http),
            Map.entry("QDB_HTTP_USER", USER),
            Map.entry("QDB_HTTP_PASSWORD", new String(password)),
            Map.entry("QDB_HTTP_MIN_ENABLED", "false"),
            Map.entry("QDB_PG_ENABLED", "false"),
            Map.entry("QDB_LINE_TCP_ENABLED", "false"),
            Map.entry("QDB_LINE_UDP_ENABLED", "false"),
            Map.entry("QDB_METRICS_ENABLED", "false"),
            // fsync on every commit: an acknowledged write (and so a storage receipt) is on disk,
            // not in the page cache, when power fails. QuestDB's default is nosync.
            Map.entry("QDB_CAIRO_COMMIT_MODE", "sync"),
            Map.entry("QDB_SHARED_WORKER_COUNT", "2"));
    ServerMain server;
    try {
      server = ServerMain.create(dataDir.toAbsolutePath().toString(), env);
      server.start();
    } catch (RuntimeException e) {
      throw new IOException("embedded QuestDB in " + dataDir + " did not start: " + e, e);
    }
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (USER + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    EmbeddedQuestDb db = new EmbeddedQuestDb(dataDir, server, http, authorization);
    try {
      QuestDbSql sql = db.sql(Duration.ofSeconds(30));
      for (String statement : SCHEMA) {
        sql.execute(statement);
      }
    } catch (IOException | RuntimeException e) {
      db.close();
      throw new IOException("embedded QuestDB in " + dataDir + ": schema not created: " + e, e);
    }
    LOG.info("embedded QuestDB serving {} with data in {}", db.url(), dataDir);
    return db;
  }

  /** A SQL client with this run's credentials. */
  public QuestDbSql sql(Duration timeout) {
    return new QuestDbSql(url(), timeout, authorization);
  }

  /** The {@code Authorization} header's value for this run; never log it. */
  public String authorization() {
    return authorization;
  }

  /** The HTTP base URL, e.g. {@code http://127.0.0.1:9000}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server; its data stays in the directory. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.close();
    }
  }

  private boolean closed;

  /**
   * A CREATE TABLE statement; every name is quoted, since several (sample, session, limit) are SQL
   * keywords to QuestDB.
   *
   * @param columns comma-separated {@code name TYPE} pairs
   * @param tagKeys comma-separated tag columns, the identity with the timestamp
   */
  /**
   * The storage schema as this store creates it: each measurement's tag and field columns (without
   * the timestamp), for checks of queries written elsewhere (dashboards). Fields added by the
   * writes themselves (session settings, summary metrics) are not in it.
   */
  public static Map<String, java.util.Set<String>> schemaColumns() {
    Map<String, java.util.Set<String>> tables = new java.util.TreeMap<>();
    java.util.regex.Pattern column = java.util.regex.Pattern.compile("\"(\\w+)\" [A-Z]+");
    for (String statement : SCHEMA) {
      String name = statement.split("\"", -1)[1];
      java.util.Set<String> columns = new java.util.TreeSet<>();
      java.util.regex.Matcher matcher =
          column.matcher(statement.substring(0, statement.indexOf(") TIMESTAMP(")));
      while (matcher.find()) {
        columns.add(matcher.group(1));
      }
      columns.remove("timestamp");
      tables.put(name, columns);
    }
    return tables;
  }

  private static String table(String name, String columns, String tagKeys) {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE IF NOT EXISTS \"").append(name).append("\" (");
    // The lists are the constants above: no empty entries, and each pair is trimmed first.
    for (String column : columns.split(",", -1)) {
      String[] nameAndType = column.trim().split(" ", -1);
      sql.append('"').append(nameAndType[0].replace("\"", "")).append("\" ");
      sql.append(nameAndType[1]).append(", ");
    }
    sql.append("\"timestamp\" TIMESTAMP) TIMESTAMP(\"timestamp\") PARTITION BY DAY WAL");
    sql.append(" DEDUP UPSERT KEYS(\"timestamp\"");
    for (String key : tagKeys.split(",", -1)) {
      sql.append(", \"").append(key.trim()).append('"');
    }
    return sql.append(')').toString();
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    }
  }
}
