package org.rehabtelemetry.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalPointsTest {
  private static final Instant AT = Instant.parse("2026-11-30T09:00:00.250Z");

  @Test
  void refusalsOfOneDeviceInOneSecond_keepAPointEach_withTheSessionAsAField() {
    String lines =
        RefusalPoints.of(
                List.of(
                    new RefusalPoints.Refusal("ward-b", "vert-01", "S1", 5, "too old", AT),
                    new RefusalPoints.Refusal("ward-b", "vert-01", "S1", 6, "too old", AT)))
            .text();
    assertEquals(
        "session_refused,device=vert-01,site=ward-b reason=\"too old\",seq=5i,session=\"S1\""
            + " 1796029200000005\n"
            + "session_refused,device=vert-01,site=ward-b reason=\"too old\",seq=6i,session=\"S1\""
            + " 1796029200000006\n",
        lines);
  }
}
