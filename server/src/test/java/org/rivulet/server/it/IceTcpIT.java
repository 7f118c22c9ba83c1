package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.WebRtcEndpoint;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.WebRtcPeer;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.MessageIntegrity;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.StunParseResult;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;
import org.rivulet.transport.EventLoops;

/**
 * Passive ICE-TCP (RFC 6544, Kurento's {@code iceTcp}, on by default): the endpoint gathers a
 * {@code tcptype passive} candidate, and a connectivity check framed per RFC 4571 on a TCP
 * connection to it gets an authenticated Binding success response on the same connection.
 */
@Timeout(60)
class IceTcpIT {

  @Test
  void aCheckOverIceTcpIsAnswered() throws Exception {
    ExecutorService blocking = Executors.newCachedThreadPool();
    try (RivuletProcess server = RivuletProcess.start();
        EventLoops loops = EventLoops.create(1, 1)) {
      KurentoClient kurento = KurentoClient.create(server.url());
      WebRtcPeer offerer = new WebRtcPeer(loops.media().next(),
          new MediaNetwork(loops, blocking, ModuleConfig.empty()));
      try {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        WebRtcEndpoint webRtc = new WebRtcEndpoint.Builder(pipeline).build();
        List<String> candidates = new CopyOnWriteArrayList<>();
        webRtc.addIceCandidateFoundListener(e -> candidates.add(e.getCandidate().getCandidate()));
        String offer = offerer.createOffer("").get(20, TimeUnit.SECONDS);
        String answer = webRtc.processOffer(offer);
        webRtc.gatherCandidates();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
            && candidates.stream().noneMatch(IceTcpIT::ipv4Passive)) {
          Thread.sleep(50);
        }
        String tcp = candidates.stream().filter(IceTcpIT::ipv4Passive).findFirst()
            .orElseThrow(() -> new AssertionError("no passive TCP candidate in " + candidates));
        String[] f = tcp.split(" ");
        assertEquals("tcp", f[2].toLowerCase());
        int port = Integer.parseInt(f[5]);

        String serverUfrag = attribute(answer, "ice-ufrag");
        String serverPwd = attribute(answer, "ice-pwd");
        String ourUfrag = attribute(offer, "ice-ufrag");
        StunMessage request = StunMessage.request(StunMethod.BINDING,
            TransactionId.random(new SecureRandom()))
            .add(new Username(serverUfrag + ":" + ourUfrag))
            .add(new Priority(1_000_000))
            .add(new IceControlling(42))
            .add(UseCandidate.INSTANCE)
            .build();
        byte[] key = MessageIntegrity.shortTermKey(serverPwd);
        ByteBuf encoded = new StunEncoder().encode(request, key, true,
            UnpooledByteBufAllocator.DEFAULT);
        byte[] bytes = ByteBufUtil.getBytes(encoded);
        encoded.release();

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
          socket.setSoTimeout(10_000);
          DataOutputStream out = new DataOutputStream(socket.getOutputStream());
          out.writeShort(bytes.length);   // RFC 4571 framing
          out.write(bytes);
          out.flush();
          DataInputStream in = new DataInputStream(socket.getInputStream());
          byte[] frame = new byte[in.readUnsignedShort()];
          in.readFully(frame);
          ByteBuf buf = Unpooled.wrappedBuffer(frame);
          try {
            StunParseResult parsed = StunDecoder.decode(buf);
            assertTrue(parsed.isSuccess(), String.valueOf(parsed));
            StunMessage response = parsed.message();
            assertEquals(StunClass.SUCCESS_RESPONSE, response.messageClass());
            assertEquals(request.transactionId(), response.transactionId());
            assertTrue(new MessageIntegrity().verify(buf, response, key),
                "the response is authenticated with the server's password");
            XorMappedAddress mapped = response.attribute(XorMappedAddress.class);
            assertEquals(socket.getLocalPort(), mapped.address().getPort());
          } finally {
            buf.release();
          }
        }
        pipeline.release();
      } finally {
        offerer.close();
        kurento.destroy();
        blocking.shutdownNow();
      }
    }
  }

  private static boolean ipv4Passive(String candidate) {
    return candidate.contains("tcptype passive") && candidate.contains(" 127.0.0.1 ");
  }

  private static String attribute(String sdp, String name) {
    Matcher m = Pattern.compile("a=" + name + ":(\\S+)").matcher(sdp);
    assertTrue(m.find(), name + " in " + sdp);
    return m.group(1);
  }

}
