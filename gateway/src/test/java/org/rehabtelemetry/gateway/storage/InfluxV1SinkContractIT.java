package org.rehabtelemetry.gateway.storage;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1SeqQuery;
import org.rehabtelemetry.gateway.storage.influxv1.InfluxV1Sink;
import org.rehabtelemetry.testsupport.InfluxdExtension;

/** The v1 write path and InfluxQL sequence query against Debian's influxd 1.6.7. */
class InfluxV1SinkContractIT extends TimeSeriesSinkContract {
  @RegisterExtension final InfluxdExtension influxd = new InfluxdExtension();
  private InfluxV1Sink sink;

  @BeforeEach
  void open() {
    influxd.server().createDatabase("rehab");
    sink = new InfluxV1Sink(influxd.server().url(), "rehab", null, null, Duration.ofSeconds(5));
  }

  @Override
  protected TimeSeriesSink sink() {
    return sink;
  }

  @Override
  protected SeqQuery seqQuery() {
    return new InfluxV1SeqQuery(influxd.server().url(), "rehab", null, Duration.ofSeconds(5));
  }

  @Override
  protected long samples(String session) {
    String answer =
        influxd
            .server()
            .query("rehab", "SELECT count(value) FROM sample WHERE session='" + session + "'");
    int at = answer.indexOf("\"values\":[[");
    if (at < 0) {
      return 0;
    }
    String row = answer.substring(at + 11, answer.indexOf("]", at + 11));
    return Long.parseLong(row.substring(row.lastIndexOf(',') + 1).trim());
  }

  @Override
  protected void stopStore() {
    influxd.server().stop();
  }
}
