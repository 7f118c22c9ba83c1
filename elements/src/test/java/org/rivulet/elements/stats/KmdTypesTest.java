package org.rivulet.elements.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.Struct;

/** The descriptor check the stats tests rely on finds what it should. */
class KmdTypesTest {
  private final KmdTypes kmd = KmdTypes.load();

  private static Struct latency(Object avg) {
    return Struct.of("MediaLatencyStat", "name", "sink", "type", "VIDEO", "avg", avg);
  }

  private static Struct element(Object... extra) {
    Object[] base = {"id", "e", "type", "element", "timestampMillis", 1L,
        "inputLatency", List.of(latency(1.0))};
    Object[] all = new Object[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return Struct.of("ElementStats", all);
  }

  @Test
  void readsInheritedFieldsInOrder() {
    assertEquals(List.of("id", "type", "timestampMillis", "inputLatency", "E2ELatency"),
        kmd.fields("EndpointStats").stream().map(KmdTypes.Field::name).toList());
    assertTrue(kmd.isSubtype("RTCInboundRTPStreamStats", "Stats"));
    assertTrue(kmd.type("StatsType").isEnum());
  }

  @Test
  void acceptsAWellFormedStruct() {
    assertEquals(List.of(), kmd.problems(Map.of("e", element()), "Stats<>"));
  }

  @Test
  void findsUnknownMissingAndMistypedFields() {
    assertEquals(1, kmd.problems(element("timestamp", 1.0), "Stats").size());
    Struct missing = Struct.of("ElementStats", "id", "e", "type", "element",
        "timestampMillis", 1L);
    assertEquals(1, kmd.problems(missing, "Stats").size());
    Struct wrongKind = Struct.of("Stats", "id", "e", "type", "element",
        "timestampMillis", 1.0);
    assertEquals(1, kmd.problems(wrongKind, "Stats").size());
    Struct badEnum = Struct.of("Stats", "id", "e", "type", "inbound-rtp",
        "timestampMillis", 1L);
    assertEquals(1, kmd.problems(badEnum, "Stats").size());
  }

  @Test
  void checksNestedStructsAndNonFiniteReals() {
    Struct nested = Struct.of("ElementStats", "id", "e", "type", "element",
        "timestampMillis", 1L, "inputLatency", List.of(latency(Double.NaN)));
    assertEquals(1, kmd.problems(nested, "Stats").size());
    assertEquals(1, kmd.problems(Struct.of("MediaLatencyStat", "name", "n", "type", "AUDIO",
        "avg", 1.0), "Stats").size());
  }
}
