package org.rehabtelemetry.agent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rehabtelemetry.agent.alarm.ActiveAlarm;
import org.rehabtelemetry.agent.alarm.AlarmManager;
import org.rehabtelemetry.hardware.fake.FakeClock;

class LinkWatchTest {
  private final FakeClock clock = new FakeClock();
  private final List<ActiveAlarm> shown = new ArrayList<>();
  private final AlarmManager alarms = new AlarmManager("t", shown::add);
  private final AtomicBoolean connected = new AtomicBoolean(true);
  private double waiting;
  private final LinkWatch watch =
      new LinkWatch(alarms, clock, Duration.ofSeconds(5), () -> waiting, connected::get);

  @Test
  void aBacklogOlderThanTheLimitDuringASession_showsTheAlarm_untilDeliveriesCatchUp() {
    waiting = 4.9;
    watch.check(true);
    assertFalse(alarms.isActive(LinkWatch.CODE));
    waiting = 5.1;
    watch.check(true);
    assertTrue(alarms.isActive(LinkWatch.CODE), "the therapist is told");
    assertEquals("medium", shown.get(0).spec().priority().wireName());
    waiting = 0.3;
    watch.check(true);
    assertFalse(alarms.isActive(LinkWatch.CODE), "cleared once data gets through");
  }

  @Test
  void aConnectionDownForTheLimit_raisesIt_evenWithNothingWaiting_butNotBetweenSessions() {
    connected.set(false);
    watch.check(true);
    clock.advance(Duration.ofSeconds(4));
    watch.check(true);
    assertFalse(alarms.isActive(LinkWatch.CODE), "4 s down is within the limit");
    clock.advance(Duration.ofSeconds(1));
    watch.check(false);
    assertFalse(alarms.isActive(LinkWatch.CODE), "no session: nobody needs the operator");
    watch.check(true);
    assertTrue(alarms.isActive(LinkWatch.CODE));
    connected.set(true);
    watch.check(true);
    assertFalse(alarms.isActive(LinkWatch.CODE));
  }
}
