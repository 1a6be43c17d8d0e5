package org.rehabtelemetry.simulator.course;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.agent.summary.SummaryCalculator;
import org.rehabtelemetry.hardware.Reading;
import org.rehabtelemetry.hardware.profile.DeviceProfile;
import org.rehabtelemetry.hardware.trace.Trace;
import org.rehabtelemetry.hardware.trace.TraceChannel;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.AlarmPriority;
import org.rehabtelemetry.protocol.AlarmState;
import org.rehabtelemetry.protocol.ChannelSamples;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Header;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SampleBatch;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;
import org.rehabtelemetry.protocol.SessionRef;
import org.rehabtelemetry.protocol.SessionSummary;
import org.rehabtelemetry.simulator.model.Variant;
import org.rehabtelemetry.simulator.model.VerticalizerModel;

/**
 * One session of a course as the wire messages a device would have sent that day: started (with the
 * patient code, programme and settings), a sample batch per second, the stopped event and the
 * summary, which the agent's own {@link SummaryCalculator} computes from the same samples. Tilt is
 * sent at 10 Hz and the loads at 20 Hz (thinned from the model's 50 and 80 Hz), in batches of 10 s,
 * to keep a replayed course small: about 700 messages for the example. The third session has a
 * heart-rate rise alarm, raised and cleared. Stateless.
 */
public final class CourseMessages {
  /** Sent-samples ratio per channel: every 5th tilt sample, every 4th load sample. */
  private static final Map<String, Integer> THIN =
      Map.of("tiltDeg", 5, "loadLeftKg", 4, "loadRightKg", 4);

  private static final String BOOT = "course-replay";

  private CourseMessages() {}

  /** Session {@code i}'s id (0-based). */
  public static String sessionId(CourseScript script, int i) {
    return String.format("S%s-%s-%02d", script.patientCode(), script.deviceId(), i + 1);
  }

  /** The status that registers the device and its kind, at {@code time}. */
  public static DeviceStatus status(CourseScript script, DeviceState state, Instant time) {
    return new DeviceStatus(
        new Header(script.deviceId(), BOOT, time),
        state,
        org.rehabtelemetry.protocol.DeviceKind.VERTICALIZER,
        "course-replay",
        true,
        null,
        state == DeviceState.OFFLINE ? "course replay finished" : null);
  }

  /** Session {@code i} (0-based) of the script, starting at {@code start}. */
  public static List<Message> session(
      CourseScript script, DeviceProfile profile, int i, Instant start) {
    double tilt = script.tiltOf(i);
    Trace trace =
        VerticalizerModel.generate(
            "course-" + (i + 1),
            Variant.NORMAL,
            4200 + i,
            (double) script.sessionLength().toSeconds(),
            tilt);
    String sessionId = sessionId(script, i);
    Map<String, Double> settings = new LinkedHashMap<>();
    settings.put("targetTiltDeg", (double) Math.round(tilt));
    settings.put("standingMin", (double) Math.max(5, script.sessionLength().toMinutes() / 4));
    settings.put("bodyWeightKg", 25.0);
    long startUs = start.getEpochSecond() * 1_000_000L + start.getNano() / 1000;
    List<Message> messages = new ArrayList<>();
    long seq = 0;
    messages.add(
        new SessionEvent(
            header(script, start),
            new SessionRef(sessionId, seq++),
            SessionEventType.STARTED,
            "course replay",
            script.patientCode(),
            "standing",
            settings));
    SummaryCalculator summary = new SummaryCalculator(profile.summary(), settings);
    summary.running(0);
    long windowUs = 10_000_000;
    Map<Integer, Integer> seen = new LinkedHashMap<>();
    int index = 0;
    long lastUs = 0;
    for (long window = 0; index < trace.sampleCount(); window += windowUs) {
      Map<Integer, List<long[]>> offsets = new LinkedHashMap<>();
      Map<Integer, List<Double>> values = new LinkedHashMap<>();
      while (index < trace.sampleCount() && trace.timeUs(index) < window + windowUs) {
        int channel = trace.channel(index);
        String name = trace.header().channels().get(channel).name();
        long at = trace.timeUs(index);
        double value = trace.value(index);
        summary.add(new Reading(name, value, at * 1000));
        int n = seen.merge(channel, 1, Integer::sum);
        if ((n - 1) % THIN.getOrDefault(name, 1) == 0) {
          offsets.computeIfAbsent(channel, c -> new ArrayList<>()).add(new long[] {at - window});
          values.computeIfAbsent(channel, c -> new ArrayList<>()).add(value);
        }
        lastUs = at;
        index++;
      }
      if (!offsets.isEmpty()) {
        List<ChannelSamples> channels = new ArrayList<>();
        for (Map.Entry<Integer, List<long[]>> channel : offsets.entrySet()) {
          TraceChannel spec = trace.header().channels().get(channel.getKey());
          List<Double> v = values.get(channel.getKey());
          long[] o = new long[v.size()];
          double[] d = new double[v.size()];
          for (int k = 0; k < o.length; k++) {
            o[k] = channel.getValue().get(k)[0];
            d[k] = v.get(k);
          }
          channels.add(new ChannelSamples(spec.name(), spec.unit(), o, d));
        }
        messages.add(
            new SampleBatch(
                header(script, start.plusNanos((window + windowUs) * 1000)),
                new SessionRef(sessionId, seq++),
                startUs + window,
                channels));
      }
      if (i == 2 && window == 240_000_000L) {
        seq = alarm(messages, script, sessionId, seq, start.plusSeconds(250), AlarmState.RAISED);
      } else if (i == 2 && window == 300_000_000L) {
        seq = alarm(messages, script, sessionId, seq, start.plusSeconds(300), AlarmState.CLEARED);
      }
    }
    summary.notRunning(lastUs * 1000);
    Instant end = start.plusNanos(lastUs * 1000);
    messages.add(
        new SessionEvent(
            header(script, end),
            new SessionRef(sessionId, seq++),
            SessionEventType.STOPPED,
            "course replay",
            null,
            null,
            Map.of()));
    messages.add(
        new SessionSummary(
            header(script, end),
            new SessionRef(sessionId, seq++),
            SessionEventType.STOPPED,
            start,
            end,
            summary.metrics(lastUs * 1000)));
    return messages;
  }

  private static long alarm(
      List<Message> messages,
      CourseScript script,
      String sessionId,
      long seq,
      Instant time,
      AlarmState state) {
    messages.add(
        new AlarmEvent(
            header(script, time),
            new SessionRef(sessionId, seq),
            "A-" + sessionId + "-1",
            state,
            "HR_RISE",
            AlarmPriority.MEDIUM,
            false,
            "heartRate",
            state == AlarmState.RAISED ? 41.0 : null,
            state == AlarmState.RAISED ? 40.0 : null,
            state == AlarmState.RAISED
                ? "heart rate 41 /min over the lying baseline (limit 40)"
                : "heart rate back within 35 /min of the baseline"));
    return seq + 1;
  }

  private static Header header(CourseScript script, Instant time) {
    return new Header(script.deviceId(), BOOT, time);
  }
}
