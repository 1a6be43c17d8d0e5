package org.rehabtelemetry.protocol.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SampleMessages;

/**
 * Encode and decode throughput for a realistic sample batch: one second of a verticalizer at full
 * rates (tilt 10 Hz, two load cells at 80 Hz, heart rate and SpO2 at 1 Hz; 172 samples). Scores are
 * samples per second; divide by 172 for batches per second. Run with {@code
 * scripts/bench-protocol}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  static final int SAMPLES_PER_BATCH = 172;

  private final MessageCodec codec = new MessageCodec();
  private SampleBatch batch;
  private byte[] encoded;

  @Setup
  public void setUp() {
    batch = SampleMessages.verticalizerSecond(42);
    if (batch.sampleCount() != SAMPLES_PER_BATCH) {
      throw new IllegalStateException("batch has " + batch.sampleCount() + " samples");
    }
    encoded = codec.encode(batch);
    System.out.printf(
        "%nbatch: %d samples, %d bytes JSON, %.1f bytes/sample%n",
        SAMPLES_PER_BATCH, encoded.length, encoded.length / (double) SAMPLES_PER_BATCH);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES_PER_BATCH)
  public byte[] encodeSamples() {
    return codec.encode(batch);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES_PER_BATCH)
  public Message decodeSamples() {
    return codec.decode(encoded);
  }
}
