package org.rehabtelemetry.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProtocolTest {
  @Test
  void point_encodesWithSortedTagsTypedFieldsAndMicroseconds() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("value", 11.2);
    fields.put("seq", 7L);
    fields.put("ok", true);
    fields.put("reason", "therapist");
    Point point =
        new Point(
            "sample", Map.of("session", "S1", "device", "vert-01"), fields, 1_795_425_330_250_000L);
    assertEquals(
        "sample,device=vert-01,session=S1 ok=t,reason=\"therapist\",seq=7i,value=11.2 1795425330250000\n",
        LineProtocol.encode(List.of(point)));
  }

  @Test
  void escaping_followsTheLineProtocolRules() {
    Point point =
        new Point(
            "my measure,x",
            Map.of("tag key", "a=b,c d"),
            Map.of("field=key", "say \"hi\" \\ bye"),
            1);
    assertEquals(
        "my\\ measure\\,x,tag\\ key=a\\=b\\,c\\ d field\\=key=\"say \\\"hi\\\" \\\\ bye\" 1\n",
        LineProtocol.encode(List.of(point)));
  }

  @Test
  void emptyTagValues_areLeftOut() {
    Point point = new Point("m", Map.of("a", "", "b", "x"), Map.of("v", 1.0), 5);
    assertEquals("m,b=x v=1.0 5\n", LineProtocol.encode(List.of(point)));
  }

  @Test
  void nonFiniteDouble_isRefused() {
    Point point = new Point("m", Map.of(), Map.of("v", Double.NaN), 5);
    assertThrows(IllegalArgumentException.class, () -> LineProtocol.encode(List.of(point)));
  }

  @Test
  void samePoint_alwaysEncodesTheSame_whateverTheMapOrder() {
    Map<String, String> tags1 = new LinkedHashMap<>();
    tags1.put("b", "2");
    tags1.put("a", "1");
    Map<String, String> tags2 = new LinkedHashMap<>();
    tags2.put("a", "1");
    tags2.put("b", "2");
    assertEquals(
        LineProtocol.encode(List.of(new Point("m", tags1, Map.of("v", 1.0), 9))),
        LineProtocol.encode(List.of(new Point("m", tags2, Map.of("v", 1.0), 9))));
  }
}
