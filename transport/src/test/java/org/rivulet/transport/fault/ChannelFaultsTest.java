package org.rivulet.transport.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelFaultsTest {
  private final long[] now = {1_000};
  private final List<String> reports = new ArrayList<>();
  private final List<ChannelFaults.Kind> kinds = new ArrayList<>();
  private final ChannelFaults faults = new ChannelFaults("endpoint-1", (kind, description) -> {
    kinds.add(kind);
    reports.add(description);
  }, () -> now[0]);

  @Test
  void theFirstFaultIsReportedAtOnceAndTheRestAtMostOncePerInterval() {
    faults.record(new OutOfMemoryError("failed to allocate 2048 byte(s) of direct memory"));
    assertEquals(1, reports.size());
    assertTrue(reports.get(0).contains("failed to allocate 2048"), reports.get(0));

    for (int i = 0; i < 500; i++) {
      now[0] += TimeUnit.MILLISECONDS.toNanos(10); // 5 s in all
      faults.record(new OutOfMemoryError("direct memory " + i));
    }
    assertEquals(1, reports.size(), "nothing more within the interval");

    now[0] += ChannelFaults.REPORT_INTERVAL_NANOS;
    faults.record(new IllegalStateException("a handler's bug"));
    assertEquals(2, reports.size());
    assertTrue(reports.get(1).startsWith("501 media socket reads or writes failed in 15 s"),
        reports.get(1));
    assertTrue(reports.get(1).contains("a handler's bug"), reports.get(1));
    assertEquals(List.of(ChannelFaults.Kind.OUT_OF_MEMORY, ChannelFaults.Kind.OTHER), kinds);
    assertEquals(500, faults.count(ChannelFaults.Kind.OUT_OF_MEMORY) - 1);
    assertEquals(1, faults.count(ChannelFaults.Kind.OTHER));
    assertEquals("{OUT_OF_MEMORY=501, OTHER=1}", faults.toString());
  }

  @Test
  void socketErrorsAreCountedButNotReported() {
    faults.record(new PortUnreachableException("ICMP port unreachable"));
    faults.record(new IOException("Connection reset by peer"));
    assertEquals(List.of(), reports);
    assertEquals(2, faults.count(ChannelFaults.Kind.SOCKET));
    assertEquals("{SOCKET=2}", faults.toString());
  }

  @Test
  void theHandlerFreesTheLoopsCachesOnAFullMemoryAndKeepsTheChannelOpen() {
    EmbeddedChannel ch = new EmbeddedChannel(new ChannelFaultHandler(faults));
    int[] relieved = {0};
    Runnable unregister = MemoryPressure.register(ch.eventLoop(), () -> relieved[0]++);
    try {
      ch.pipeline().fireExceptionCaught(new IOException("refused"));
      assertEquals(0, relieved[0], "a socket error is no memory shortage");
      ch.pipeline().fireExceptionCaught(new OutOfMemoryError("direct memory"));
      assertEquals(1, relieved[0]);
      assertEquals(1, faults.count(ChannelFaults.Kind.OUT_OF_MEMORY));
      assertTrue(ch.isOpen());
      ch.checkException(); // nothing reached the pipeline's tail
    } finally {
      unregister.run();
    }
    ch.pipeline().fireExceptionCaught(new OutOfMemoryError("direct memory"));
    assertEquals(1, relieved[0], "unregistered");
    ch.finishAndReleaseAll();
  }
}
