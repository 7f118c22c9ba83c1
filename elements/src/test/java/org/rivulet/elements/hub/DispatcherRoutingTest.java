package org.rivulet.elements.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.HubPort;
import org.rivulet.elements.MediaElement;
import org.rivulet.elements.MediaObjectRegistry;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.error.KurentoException;

/** Media through Dispatcher and DispatcherOneToMany: routing, switching, keyframe requests. */
class DispatcherRoutingTest {
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);

  private DefaultEventLoopGroup loops;
  private MediaPipeline pipeline;
  private ElementContext context;

  /** A publisher: sends what the test gives it and counts keyframe requests. */
  static final class Source extends MediaElement {
    int keyframeRequests;

    Source(ElementContext c, MediaPipeline p) {
      super(c, "PassThrough", p);
      register();
    }

    void send(ByteBuf rtp) {
      emitRtp(MediaType.VIDEO, VP8, rtp);
    }

    @Override
    protected void onKeyframeRequest(MediaType type) {
      keyframeRequests++;
    }

    long estimate() {
      return downstreamVideoEstimate();
    }
  }

  /** A viewer: records the first byte of each packet it receives. */
  static final class Sink extends MediaElement {
    final List<Integer> got = new ArrayList<>();
    long estimate = Long.MAX_VALUE;

    @Override
    protected long videoSendEstimate() {
      return estimate;
    }

    Sink(ElementContext c, MediaPipeline p) {
      super(c, "PassThrough", p);
      register();
    }

    @Override
    protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
      got.add((int) rtp.getByte(rtp.readerIndex()));
      rtp.release();
    }

    void askForKeyframe() {
      requestKeyframeUpstream(MediaType.VIDEO);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    loops = new DefaultEventLoopGroup(1);
    context = new ElementContext(new MediaObjectRegistry(), (s, t, d) -> { },
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
    try {
      return pipeline.loop().submit(work).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static ByteBuf packet(int marker) {
    return Unpooled.buffer(4).writeByte(marker).writeByte(96).writeShort(0);
  }

  @Test
  void dispatcherSwitchesAViewerBetweenTwoPresentersAndAsksForAKeyframe() throws Exception {
    Source a = on(() -> new Source(context, pipeline));
    Source b = on(() -> new Source(context, pipeline));
    Sink viewer = on(() -> new Sink(context, pipeline));
    Dispatcher dispatcher = on(() -> new Dispatcher(context, pipeline));
    HubPort pa = on(() -> new HubPort(context, dispatcher));
    HubPort pb = on(() -> new HubPort(context, dispatcher));
    HubPort pv = on(() -> new HubPort(context, dispatcher));
    on(() -> {
      a.connect(pa, null, null, null);
      b.connect(pb, null, null, null);
      pv.connect(viewer, null, null, null);
      dispatcher.connect(pa, pv);
      return null;
    });
    int aBefore = a.keyframeRequests;
    int bBefore = b.keyframeRequests;
    on(() -> {
      a.send(packet(1));
      b.send(packet(2));
      dispatcher.connect(pb, pv);
      a.send(packet(1));
      b.send(packet(2));
      return null;
    });
    assertEquals(List.of(1, 2), viewer.got, "a's packet, then after the switch b's only");
    assertEquals(aBefore, a.keyframeRequests);
    assertEquals(bBefore + 1, b.keyframeRequests, "the new source was asked for a keyframe");
    on(() -> {
      viewer.askForKeyframe();
      return null;
    });
    assertEquals(bBefore + 2, b.keyframeRequests, "the viewer's request reaches its source only");
    assertEquals(aBefore, a.keyframeRequests);
    on(() -> {
      pb.release();
      b.send(packet(2));
      a.send(packet(1));
      return null;
    });
    assertEquals(List.of(1, 2), viewer.got, "a released source port routes nothing");
  }

  @Test
  void bandwidthEstimatesFlowBackThroughTheHubToTheSourceTheyReceive() throws Exception {
    Source a = on(() -> new Source(context, pipeline));
    Source b = on(() -> new Source(context, pipeline));
    Sink slow = on(() -> new Sink(context, pipeline));
    Sink fast = on(() -> new Sink(context, pipeline));
    Dispatcher dispatcher = on(() -> new Dispatcher(context, pipeline));
    HubPort pa = on(() -> new HubPort(context, dispatcher));
    HubPort pb = on(() -> new HubPort(context, dispatcher));
    HubPort p1 = on(() -> new HubPort(context, dispatcher));
    HubPort p2 = on(() -> new HubPort(context, dispatcher));
    on(() -> {
      slow.estimate = 200_000;
      fast.estimate = 900_000;
      a.connect(pa, null, null, null);
      b.connect(pb, null, null, null);
      p1.connect(slow, null, null, null);
      p2.connect(fast, null, null, null);
      dispatcher.connect(pa, p1);
      dispatcher.connect(pa, p2);
      return null;
    });
    assertEquals(200_000L, on(a::estimate), "a feeds both: the slower receiver bounds it");
    assertEquals(Long.MAX_VALUE, (long) on(b::estimate), "b feeds nobody");
    on(() -> {
      dispatcher.connect(pb, p1);
      return null;
    });
    assertEquals(900_000L, on(a::estimate));
    assertEquals(200_000L, on(b::estimate));
  }

  @Test
  void dispatcherRefusesPortsOfAnotherHub() throws Exception {
    Dispatcher one = on(() -> new Dispatcher(context, pipeline));
    Dispatcher two = on(() -> new Dispatcher(context, pipeline));
    HubPort p1 = on(() -> new HubPort(context, one));
    HubPort p2 = on(() -> new HubPort(context, two));
    KurentoException e = assertThrows(KurentoException.class, () -> on(() -> {
      one.connect(p1, p2);
      return null;
    }));
    assertTrue(e.getMessage().contains("must belong"));
  }

  @Test
  void oneToManySendsTheSourceToEveryOtherPort() throws Exception {
    Source a = on(() -> new Source(context, pipeline));
    Source b = on(() -> new Source(context, pipeline));
    Sink va = on(() -> new Sink(context, pipeline));
    Sink vb = on(() -> new Sink(context, pipeline));
    DispatcherOneToMany hub = on(() -> new DispatcherOneToMany(context, pipeline));
    HubPort pa = on(() -> new HubPort(context, hub));
    HubPort pb = on(() -> new HubPort(context, hub));
    on(() -> {
      a.connect(pa, null, null, null);
      pa.connect(va, null, null, null);
      b.connect(pb, null, null, null);
      pb.connect(vb, null, null, null);
      a.send(packet(1));
      hub.setSource(pa);
      a.send(packet(1));
      b.send(packet(2));
      hub.setSource(pb);
      a.send(packet(1));
      b.send(packet(2));
      hub.invoke("removeSource", Args.of());
      a.send(packet(1));
      b.send(packet(2));
      return null;
    });
    assertEquals(List.of(1), vb.got, "b's viewer saw a while a was the source");
    assertEquals(List.of(2), va.got, "a's viewer saw b while b was the source");
    assertTrue(b.keyframeRequests >= 1);
  }
}
