package org.rehabtelemetry.simulator.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultScriptTest {
  @Test
  void steps_runInTimeOrder_onTheirTargets() throws Exception {
    List<String> done = new ArrayList<>();
    FaultScript script =
        FaultScript.parse(
            "# a comment\n0.2 gateway start\n0 broker stop  # trailing\n0.1s broker kill\n");
    script.run(Map.of("broker", recorder("broker", done), "gateway", recorder("gateway", done)));
    assertEquals(List.of("broker stop", "broker kill", "gateway start"), done);
  }

  @Test
  void badLines_andUnknownTargets_areNamed() {
    assertEquals(
        "line 2: expected \"SECONDS TARGET ACTION\", was \"5 broker\"",
        assertThrows(
                IllegalArgumentException.class, () -> FaultScript.parse("1 broker stop\n5 broker"))
            .getMessage());
    assertEquals(
        "line 1: \"soon\" is not a number of seconds",
        assertThrows(IllegalArgumentException.class, () -> FaultScript.parse("soon broker stop"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultScript.parse("1 broker explode"));
    List<String> done = new ArrayList<>();
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> FaultScript.parse("0 influxd stop").run(Map.of("broker", recorder("b", done))));
    assertEquals("no target \"influxd\"; known: [broker]", unknown.getMessage());
    assertEquals(List.of(), done, "nothing ran");
  }

  private static FaultScript.Target recorder(String name, List<String> done) {
    return new FaultScript.Target() {
      @Override
      public void stop() {
        done.add(name + " stop");
      }

      @Override
      public void kill() {
        done.add(name + " kill");
      }

      @Override
      public void start() {
        done.add(name + " start");
      }
    };
  }
}
