package org.rehabtelemetry.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalPointsTest {
  private static final long AT = 1_796_029_200_250_000L;

  @Test
  void aRefusal_isTaggedByDeviceAndGateway_withTheSessionAsAField() {
    String lines =
        RefusalPoints.of(
                "gateway-a",
                List.of(
                    new RefusalPoints.Refusal("ward-b", "vert-01", "S1", 5, "too old", AT),
                    new RefusalPoints.Refusal("ward-b", "vert-01", "S2", 5, "too old", AT + 1)))
            .text();
    assertEquals(
        "session_refused,device=vert-01,gateway=gateway-a,site=ward-b"
            + " reason=\"too old\",seq=5i,session=\"S1\" 1796029200250000\n"
            + "session_refused,device=vert-01,gateway=gateway-a,site=ward-b"
            + " reason=\"too old\",seq=5i,session=\"S2\" 1796029200250001\n",
        lines);
  }
}
