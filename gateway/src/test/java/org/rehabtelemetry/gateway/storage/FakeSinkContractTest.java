package org.rehabtelemetry.gateway.storage;

class FakeSinkContractTest extends TimeSeriesSinkContract {
  private final FakeSink sink = new FakeSink();

  @Override
  protected TimeSeriesSink sink() {
    return sink;
  }

  @Override
  protected SeqQuery seqQuery() {
    return sink;
  }

  @Override
  protected long samples(String session) {
    return sink.lines().stream()
        .filter(l -> l.startsWith("sample,") && l.contains(",session=" + session + ","))
        .count();
  }

  @Override
  protected void stopStore() {
    sink.failNext(Integer.MAX_VALUE);
  }
}
