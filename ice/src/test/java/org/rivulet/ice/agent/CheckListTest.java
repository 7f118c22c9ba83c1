package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The frozen algorithm, the triggered queue and the bound of {@link CheckList} (RFC 8445 section 6.1). */
class CheckListTest {

  private static LocalCandidate host(String ip, int port, int rank) {
    InetSocketAddress a = new InetSocketAddress(ip, port);
    return LocalCandidate.host(a, a.getAddress(), TransportProtocol.UDP, rank);
  }

  private static RemoteCandidate remote(String foundation, String ip, int port, long priority) {
    return new RemoteCandidate(foundation, 1, TransportProtocol.UDP, priority, new InetSocketAddress(ip, port),
        CandidateType.HOST, null, null, null);
  }

  @Test
  @DisplayName("one WAITING pair per foundation, the others FROZEN until a success unfreezes them")
  void frozenPerFoundation() {
    CheckList list = new CheckList(100);
    LocalCandidate l = host("127.0.0.1", 1000, 0);
    CandidatePair p1 = new CandidatePair(l, remote("a", "127.0.1.1", 1, 300), IceRole.CONTROLLING);
    CandidatePair p2 = new CandidatePair(l, remote("a", "127.0.1.1", 2, 200), IceRole.CONTROLLING);
    CandidatePair q = new CandidatePair(l, remote("b", "127.0.1.2", 3, 100), IceRole.CONTROLLING);
    list.add(p1, null);
    list.add(p2, null);
    list.add(q, null);
    assertEquals(CandidatePairState.WAITING, p1.state);
    assertEquals(CandidatePairState.FROZEN, p2.state, "same foundation as a WAITING pair");
    assertEquals(CandidatePairState.WAITING, q.state);
    assertEquals(List.of(p1, p2, q), list.pairs(), "priority order");

    assertSame(p1, list.nextOrdinary());
    p1.state = CandidatePairState.IN_PROGRESS;
    assertSame(q, list.nextOrdinary());
    q.state = CandidatePairState.IN_PROGRESS;
    assertNull(list.nextOrdinary(), "p2 stays frozen while p1, of its foundation, is in progress");
    assertTrue(list.hasOrdinaryWork());

    p1.state = CandidatePairState.SUCCEEDED;
    list.unfreeze(p1.foundation());
    assertEquals(CandidatePairState.WAITING, p2.state);
  }

  @Test
  @DisplayName("RFC 8445 section 6.1.4.2: with nothing WAITING, a frozen pair of an idle foundation is unfrozen")
  void unfreezeWhenIdle() {
    CheckList list = new CheckList(100);
    LocalCandidate l = host("127.0.0.1", 1000, 0);
    CandidatePair p1 = new CandidatePair(l, remote("a", "127.0.1.1", 1, 300), IceRole.CONTROLLED);
    CandidatePair p2 = new CandidatePair(l, remote("a", "127.0.1.1", 2, 200), IceRole.CONTROLLED);
    list.add(p1, null);
    list.add(p2, null);
    p1.state = CandidatePairState.FAILED;
    assertSame(p2, list.nextOrdinary());
    assertEquals(CandidatePairState.WAITING, p2.state);
  }

  @Test
  @DisplayName("the triggered queue is FIFO, holds a pair once, and drops removed pairs")
  void triggeredQueue() {
    CheckList list = new CheckList(100);
    LocalCandidate l = host("127.0.0.1", 1000, 0);
    CandidatePair p1 = new CandidatePair(l, remote("a", "127.0.1.1", 1, 300), IceRole.CONTROLLED);
    CandidatePair p2 = new CandidatePair(l, remote("b", "127.0.1.1", 2, 200), IceRole.CONTROLLED);
    list.add(p1, null);
    list.add(p2, null);
    list.enqueueTriggered(p2);
    list.enqueueTriggered(p1);
    list.enqueueTriggered(p2);
    list.remove(p1);
    assertSame(p2, list.pollTriggered());
    assertNull(list.pollTriggered());
    assertFalse(list.hasTriggered());
  }

  @Test
  @DisplayName("past the bound the lowest-priority pairs go, but never the protected one")
  void bound() {
    CheckList list = new CheckList(3);
    LocalCandidate l = host("127.0.0.1", 1000, 0);
    CandidatePair lowest = new CandidatePair(l, remote("a", "127.0.1.1", 1, 10), IceRole.CONTROLLED);
    assertTrue(list.add(lowest, null).isEmpty());
    for (int i = 0; i < 2; i++) {
      assertTrue(list.add(new CandidatePair(l, remote("b" + i, "127.0.1.1", 10 + i, 100 + i), IceRole.CONTROLLED),
          lowest).isEmpty());
    }
    CandidatePair better = new CandidatePair(l, remote("c", "127.0.1.1", 20, 1000), IceRole.CONTROLLED);
    List<CandidatePair> removed = list.add(better, lowest);
    assertEquals(1, removed.size());
    assertEquals(100, removed.get(0).remote().priority(), "the lowest unprotected pair");
    assertTrue(list.pairs().contains(lowest));
    CandidatePair worst = new CandidatePair(l, remote("d", "127.0.1.1", 21, 1), IceRole.CONTROLLED);
    assertEquals(List.of(worst), list.add(worst, lowest), "a pair below all others is pruned at once");
    assertEquals(3, list.size());
  }

  @Test
  @DisplayName("a role change recomputes priorities (G and D swap) and re-sorts")
  void roleChange() {
    CheckList list = new CheckList(100);
    LocalCandidate l = host("127.0.0.1", 1000, 0);
    CandidatePair p = new CandidatePair(l, remote("a", "127.0.1.1", 1, 300), IceRole.CONTROLLING);
    list.add(p, null);
    assertEquals(CandidatePriority.pairPriority(l.priority(), 300), p.priority());
    list.updatePriorities(IceRole.CONTROLLED);
    assertEquals(CandidatePriority.pairPriority(300, l.priority()), p.priority());
  }

  @Test
  @DisplayName("a signalled tcptype active candidate forms a pair we never check")
  void activeTcpIsNotCheckable() {
    CheckList list = new CheckList(100);
    InetSocketAddress a = new InetSocketAddress("127.0.0.1", 9443);
    LocalCandidate tcp = LocalCandidate.host(a, a.getAddress(), TransportProtocol.TCP, 0);
    CandidatePair p = new CandidatePair(tcp, new RemoteCandidate("t", 1, TransportProtocol.TCP, 5,
        new InetSocketAddress("127.0.1.1", 9), CandidateType.HOST, null, TcpType.ACTIVE, null), IceRole.CONTROLLED);
    list.add(p, null);
    assertFalse(p.checkable);
    assertNull(list.nextOrdinary());
    assertFalse(list.hasPending());
  }
}
