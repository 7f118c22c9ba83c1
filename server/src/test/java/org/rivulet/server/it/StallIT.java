package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.elements.MediaType;

/**
 * RELIABILITY.md B12.141: the server stops for 2 s (a long collection, a virtual machine
 * descheduled; here SIGSTOP and SIGCONT) while a presenter sends audio through it to a viewer.
 * Afterwards the audio flows again within a second, no endpoint reports an ICE state change (no
 * timeout cascades from the timers that fell due meanwhile), the server logs no error or warning
 * (its loop watchdog notes the stop without blaming a loop for it), and it goes on answering
 * requests.
 */
@Timeout(60)
class StallIT {

  @Test
  void aTwoSecondStopOfTheWholeServerIsRiddenOutWithoutACascadeOfTimeouts() throws Exception {
    try (RivuletProcess server = RivuletProcess.start(Map.of("KMS_NETWORK_INTERFACES", "lo"));
        PeerRelay relay = new PeerRelay(server, 45000)) {
      relay.connect();
      List<String> iceEvents = new CopyOnWriteArrayList<>();
      relay.ingress.addIceComponentStateChangedListener(e -> iceEvents.add("ingress " + e.getState()));
      relay.egress.addIceComponentStateChangedListener(e -> iceEvents.add("egress " + e.getState()));
      AtomicInteger index = new AtomicInteger();
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      ScheduledFuture<?> audio = timer.scheduleAtFixedRate(
          () -> relay.sendAudio(index.incrementAndGet()), 0, 20, TimeUnit.MILLISECONDS);
      try {
        relay.awaitAudio(50, 10);
        Thread.sleep(2_000); // ICE completed and settled: later events would be the stall's
        iceEvents.clear();
        int linesBefore = server.output().size();

        signal(server, "STOP");
        Thread.sleep(100);
        long heardAtStop = relay.receiver.packetsReceived(MediaType.AUDIO);
        Thread.sleep(1_900);
        long heardInStall = relay.receiver.packetsReceived(MediaType.AUDIO);
        assertEquals(heardAtStop, heardInStall, "the server was stopped: nothing came through");
        signal(server, "CONT");
        relay.awaitAudio(heardInStall + 25, 1);

        Thread.sleep(5_000);
        assertEquals(List.of(), iceEvents, "no ICE state changed after the stall");
        List<String> complaints = server.output().subList(linesBefore, server.output().size())
            .stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")).toList();
        assertEquals(List.of(), complaints, "the server logged no error or warning");
        assertTrue(server.output().subList(linesBefore, server.output().size()).stream()
            .anyMatch(l -> l.contains("The server did not run for about")),
            "its watchdog noticed the stop, and blamed no event loop for it");
        assertEquals(relay.pipeline.getId(), relay.kurento.getServerManager().getPipelines()
            .get(0).getId(), "and answers requests");
      } finally {
        audio.cancel(false);
        timer.shutdownNow();
        if (server.process().isAlive()) {
          signal(server, "CONT");
        }
      }
    }
  }

  private static void signal(RivuletProcess server, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(server.process().pid()))
        .inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + name);
  }
}
