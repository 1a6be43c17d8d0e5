package org.rehabtelemetry.records;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehabtelemetry.protocol.DeviceKind;
import org.rehabtelemetry.records.model.AlarmRecord;
import org.rehabtelemetry.records.model.CompletenessStamp;
import org.rehabtelemetry.records.model.Series;
import org.rehabtelemetry.records.model.SessionRecord;

/**
 * A verticalizer course for tests: {@code sessions} sessions at 10:00 on consecutive weekdays, the
 * highest tolerated tilt rising evenly from 40° to 70°, time at the target from 5 to 16 min, the
 * heart-rate rise falling from 30 to 19 /min. Session 3 raises a high-heart-rate alarm and session
 * 5 lost four records.
 */
public final class SampleCourse {
  public static final String PATIENT = "P-0042";

  private SampleCourse() {}

  public static List<SessionRecord> verticalizer(Instant firstDay, int sessions, boolean series) {
    List<SessionRecord> records = new ArrayList<>();
    Instant day = firstDay;
    for (int i = 0; i < sessions; i++) {
      double progress = sessions == 1 ? 0 : i / (double) (sessions - 1);
      double maxTilt = 40 + 30 * progress;
      records.add(session(i + 1, day, maxTilt, progress, series));
      day = day.plus(Duration.ofDays(1));
      if (day.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue() == 6) {
        day = day.plus(Duration.ofDays(2));
      }
    }
    return records;
  }

  public static SessionRecord session(
      int number, Instant start, double maxTilt, double progress, boolean withSeries) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("durationMin", 30.0);
    metrics.put("maxTiltDeg", maxTilt);
    metrics.put("timeAtTargetTiltMin", 5 + 11 * progress);
    metrics.put("weightBearingLeftPct", 30.0);
    metrics.put("weightBearingRightPct", 38.0);
    metrics.put("symmetryIndexPct", -20 + 12 * progress);
    metrics.put("baselineHr", 92.0);
    metrics.put("peakHrRise", 30 - 11 * progress);
    metrics.put("peakHr", 122 - 11 * progress);
    metrics.put("minSpo2", 96.0);
    Map<String, Series> series = new LinkedHashMap<>();
    if (withSeries) {
      series.put("tiltDeg", ramp("tiltDeg", 0, maxTilt, 0.5));
      series.put("heartRate", ramp("heartRate", 92, 92 + metrics.get("peakHrRise"), 1));
      series.put("spo2", ramp("spo2", 97, 96, 1));
      series.put("loadLeftKg", ramp("loadLeftKg", 0, 7.5, 0.5));
      series.put("loadRightKg", ramp("loadRightKg", 0, 9.5, 0.5));
    }
    List<AlarmRecord> alarms = new ArrayList<>();
    if (number == 3) {
      alarms.add(
          new AlarmRecord(
              start.plusSeconds(600),
              "HR_HIGH",
              "medium",
              "raised",
              "heartRate",
              "heart rate 131 above 130",
              131.0,
              130.0));
      alarms.add(
          new AlarmRecord(
              start.plusSeconds(640), "HR_HIGH", "medium", "cleared", "heartRate", "", null, null));
    }
    CompletenessStamp stamp =
        number == 5
            ? new CompletenessStamp(
                194,
                200,
                "",
                "120-123 (2026-11-23T09:31:17Z, size limit 268435456 bytes reached)",
                2,
                "invalid message: field 't0Us': is 1970-01-01T00:00:01Z, more than 30 days ago",
                false,
                false,
                true)
            : new CompletenessStamp(200, 200, "", "", 0, "", true, number == 2, true);
    return new SessionRecord(
        "S-" + number,
        "vert-01",
        DeviceKind.VERTICALIZER,
        PATIENT,
        "standing",
        number == 12
            ? Map.of(
                "targetTiltDeg",
                60.0,
                "standingMin",
                30.0,
                "bodyWeightKg",
                25.0,
                "limit_HR_HIGH",
                140.0,
                "limit_HR_LOW",
                95.0)
            : Map.of("targetTiltDeg", 60.0, "standingMin", 30.0, "bodyWeightKg", 25.0),
        start.plusSeconds(10 * 3600),
        start.plusSeconds(10 * 3600 + 1800),
        number == 7 ? "interrupted" : "stopped",
        metrics,
        alarms,
        series,
        stamp);
  }

  /** 30 minutes: up to {@code peak} over the first third, held, down over the last sixth. */
  private static Series ramp(String channel, double from, double peak, double stepSeconds) {
    int n = (int) (1800 / stepSeconds);
    double[] seconds = new double[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i * stepSeconds;
      seconds[i] = t;
      double share = t < 600 ? t / 600 : t > 1500 ? (1800 - t) / 300 : 1;
      values[i] = from + (peak - from) * share;
    }
    return new Series(channel, seconds, values);
  }
}
