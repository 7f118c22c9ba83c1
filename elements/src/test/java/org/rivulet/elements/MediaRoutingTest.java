package org.rivulet.elements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoopGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.config.ModuleConfig;

/** Packets through the media graph: fan-out without copies, ownership, flow events, keyframes. */
class MediaRoutingTest {
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);

  private DefaultEventLoopGroup loops;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private MediaPipeline pipeline;

  /** A source the test drives. */
  static final class TestSource extends MediaElement {
    int keyframeRequests;

    TestSource(ElementContext c, MediaPipeline p) {
      super(c, "PassThrough", p);
      register();
    }

    void send(MediaType type, ByteBuf rtp) {
      emitRtp(type, VP8, rtp);
    }

    @Override
    protected void onKeyframeRequest(MediaType type) {
      keyframeRequests++;
    }
  }

  /** A sink that keeps what it receives. */
  static class TestSink extends MediaElement {
    final List<ByteBuf> received = new ArrayList<>();

    TestSink(ElementContext c, MediaPipeline p) {
      super(c, "PassThrough", p);
      register();
    }

    @Override
    protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
      received.add(rtp);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    loops = new DefaultEventLoopGroup(1);
    ElementContext context = new ElementContext(new MediaObjectRegistry(),
        (source, type, data) -> events.add(source.getId() + " " + type + " " + data),
        ModuleConfig.empty(), loops, Runnable::run);
    pipeline = new MediaPipeline(context);
  }

  @AfterEach
  void tearDown() throws Exception {
    on(() -> {
      pipeline.release();
      return null;
    });
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private <T> T on(Callable<T> work) throws Exception {
    return pipeline.loop().submit(work).get(5, TimeUnit.SECONDS);
  }

  @Test
  void eachFanOutStartsOneSinkFurtherSoNoSinkIsAlwaysServedLast() throws Exception {
    ElementContext ctx = contextOf();
    TestSource source = on(() -> new TestSource(ctx, pipeline));
    List<TestSink> sinks = new ArrayList<>();
    List<TestSink> served = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sinks.add(on(() -> new TestSink(ctx, pipeline) {
        @Override
        protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
          served.add(this);
          rtp.release();
        }
      }));
    }
    on(() -> {
      for (TestSink sink : sinks) {
        source.connect(sink, null, null, null); // audio, video and data links each
      }
      return null;
    });
    on(() -> {
      for (int p = 0; p < 6; p++) {
        source.send(MediaType.VIDEO, Unpooled.buffer(4).writeBytes(new byte[] {(byte) 0x80, 96, 0, 1}));
      }
      return null;
    });
    assertEquals(18, served.size(), "every sink got every packet");
    List<TestSink> firsts = new ArrayList<>();
    List<TestSink> lasts = new ArrayList<>();
    for (int p = 0; p < 6; p++) {
      List<TestSink> one = served.subList(p * 3, p * 3 + 3);
      assertEquals(3, Set.copyOf(one).size(), "each sink once per packet");
      firsts.add(one.get(0));
      lasts.add(one.get(2));
    }
    for (TestSink sink : sinks) {
      assertEquals(2, Collections.frequency(firsts, sink), "first twice in six packets");
      assertEquals(2, Collections.frequency(lasts, sink), "last twice in six packets");
    }
  }

  @Test
  void fansOutOnePacketToEverySinkWithoutCopying() throws Exception {
    ElementContext ctx = contextOf();
    TestSource source = on(() -> new TestSource(ctx, pipeline));
    TestSink a = on(() -> new TestSink(ctx, pipeline));
    TestSink b = on(() -> new TestSink(ctx, pipeline));
    PassThrough pass = on(() -> new PassThrough(ctx, pipeline));
    TestSink c = on(() -> new TestSink(ctx, pipeline));
    on(() -> {
      source.connect(a, MediaType.VIDEO, null, null);
      source.connect(b, null, null, null);
      source.connect(pass, MediaType.VIDEO, null, null);
      pass.connect(c, MediaType.VIDEO, null, null);
      source.connect(a, MediaType.AUDIO, null, null);
      return null;
    });
    ByteBuf packet = Unpooled.directBuffer(64).writeBytes(new byte[] {(byte) 0x80, 96, 0, 1});
    on(() -> {
      source.send(MediaType.VIDEO, packet);
      return null;
    });
    for (TestSink sink : List.of(a, b, c)) {
      assertEquals(1, sink.received.size());
      assertEquals(packet.memoryAddress(), sink.received.get(0).memoryAddress(), "same bytes");
      assertSame(packet, sink.received.get(0), "the shared buffer itself: no object per sink");
    }
    assertEquals(3, packet.refCnt(), "one reference per sink, the source's own released");
    on(() -> {
      for (TestSink sink : List.of(a, b, c)) {
        sink.received.forEach(ByteBuf::release);
      }
      return null;
    });
    assertEquals(0, packet.refCnt());
    assertTrue(events.stream().anyMatch(e -> e.contains("MediaFlowOutStateChanged")
        && e.contains("FLOWING") && e.startsWith(source.getId())));
    assertTrue(events.stream().anyMatch(e -> e.contains("MediaFlowInStateChanged")
        && e.startsWith(c.getId())));
    assertTrue(on(() -> c.isMediaFlowingIn(MediaType.VIDEO, "default")));
    assertFalse(on(() -> c.isMediaFlowingIn(MediaType.AUDIO, "default")));
  }

  @Test
  void aNewVideoSinkAsksTheSourceForAKeyframeThroughPassThroughs() throws Exception {
    ElementContext ctx = contextOf();
    TestSource source = on(() -> new TestSource(ctx, pipeline));
    PassThrough pass = on(() -> new PassThrough(ctx, pipeline));
    TestSink sink = on(() -> new TestSink(ctx, pipeline));
    on(() -> {
      source.connect(pass, MediaType.VIDEO, null, null);
      return null;
    });
    int before = source.keyframeRequests;
    on(() -> {
      pass.connect(sink, MediaType.VIDEO, null, null);
      return null;
    });
    assertEquals(before + 1, source.keyframeRequests, "the request travelled through PassThrough");
    on(() -> {
      pass.connect(sink, MediaType.AUDIO, null, null);
      return null;
    });
    assertEquals(before + 1, source.keyframeRequests, "audio needs no keyframe");
  }

  @Test
  void keyframeRequestsStopAtCycles() throws Exception {
    ElementContext ctx = contextOf();
    PassThrough a = on(() -> new PassThrough(ctx, pipeline));
    PassThrough b = on(() -> new PassThrough(ctx, pipeline));
    on(() -> {
      a.connect(a, null, null, null);  // loopback, as Kurento's hello world does
      a.connect(b, MediaType.VIDEO, null, null);
      b.connect(a, MediaType.VIDEO, null, null);  // a one-to-one call
      return null;
    });
    // Each connect asked upstream for a keyframe around a cycle; reaching here means it stopped.
    List<Connection> video = on(() -> a.sourceConnections().stream()
        .filter(c -> c.mediaType() == MediaType.VIDEO).toList());
    assertEquals(1, video.size());
    assertEquals(b, video.get(0).source(), "b replaced a as a's video source");
  }

  @Test
  void packetsToAReleasedSinkAreDropped() throws Exception {
    ElementContext ctx = contextOf();
    TestSource source = on(() -> new TestSource(ctx, pipeline));
    TestSink sink = on(() -> new TestSink(ctx, pipeline));
    on(() -> {
      source.connect(sink, MediaType.VIDEO, null, null);
      sink.release();
      return null;
    });
    ByteBuf packet = Unpooled.buffer(16).writeInt(1);
    on(() -> {
      source.send(MediaType.VIDEO, packet);
      return null;
    });
    assertEquals(0, packet.refCnt(), "released: no sink is connected any more");
    assertTrue(sink.received.isEmpty());
  }

  private ElementContext contextOf() throws Exception {
    return on(() -> pipeline.context);
  }

  @Test
  void aTypeStopsFlowingAfterTwoQuietChecksAndFlowsAgainWithItsNextPacket() throws Exception {
    ElementContext ctx = contextOf();
    TestSource source = on(() -> new TestSource(ctx, pipeline));
    MediaFlow flow = on(() -> new MediaFlow(source, "MediaFlowOutStateChanged"));
    List<String> states = new ArrayList<>();
    Runnable collect = () -> events.stream().filter(e -> e.startsWith(source.getId())
        && e.contains("MediaFlowOutStateChanged")).forEach(e -> states.add(
            e.contains("NOT_FLOWING") ? "NOT_FLOWING" : "FLOWING"));
    on(() -> {
      flow.packet(MediaType.VIDEO);
      flow.checkIdle();            // packets since the last check: still flowing
      flow.checkIdle();            // one quiet check: silence may be under the idle time
      flow.packet(MediaType.VIDEO);
      flow.checkIdle();            // a packet again: the count of quiet checks starts over
      flow.checkIdle();
      return null;
    });
    assertTrue(on(() -> flow.isFlowing(MediaType.VIDEO)));
    on(() -> {
      flow.checkIdle();            // the second quiet check in a row: silent for the idle time
      return null;
    });
    assertFalse(on(() -> flow.isFlowing(MediaType.VIDEO)));
    assertFalse(on(() -> flow.isFlowing(MediaType.AUDIO)), "no audio ever passed");
    on(() -> {
      flow.packet(MediaType.VIDEO);
      flow.stop();
      return null;
    });
    assertTrue(on(() -> flow.isFlowing(MediaType.VIDEO)));
    collect.run();
    assertEquals(List.of("FLOWING", "NOT_FLOWING", "FLOWING"), states);
  }
}
