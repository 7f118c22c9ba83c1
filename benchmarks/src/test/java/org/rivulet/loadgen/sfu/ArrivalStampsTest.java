package org.rivulet.loadgen.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's receive stamps, through the JNI library built here from arrival_stamps.c. */
class ArrivalStampsTest {

  @BeforeAll
  static void buildAndLoad() throws Exception {
    Path source = Path.of("src/main/c/arrival_stamps.c");
    Path lib = Path.of("target/test-native/libarrivalstamps.so").toAbsolutePath();
    Files.createDirectories(lib.getParent());
    String javaHome = System.getProperty("java.home");
    Process cc = new ProcessBuilder("cc", "-O2", "-shared", "-fPIC", "-I" + javaHome + "/include",
        "-I" + javaHome + "/include/linux", "-o", lib.toString(), source.toString())
        .inheritIO().start();
    assertEquals(0, cc.waitFor(), "cc failed on arrival_stamps.c");
    ArrivalStamps.load(lib);
  }

  @Test
  void aDatagramThatWaitsInItsSocketIsStampedWhenItArrivedNotWhenItWasRead() throws Exception {
    EpollEventLoopGroup group = new EpollEventLoopGroup(1);
    BlockingQueue<long[]> reads = new ArrayBlockingQueue<>(4);
    try {
      Channel ch = new Bootstrap().group(group).channel(EpollDatagramChannel.class)
          .handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
              c.pipeline().addLast(ArrivalStamps.tap(),
                  new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                      reads.add(new long[] {ArrivalStamps.current(), System.nanoTime()});
                    }
                  });
            }
          }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
      InetSocketAddress to = (InetSocketAddress) ch.localAddress();
      try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        // The receiving loop is kept busy for 50 ms: the datagram waits in its socket meanwhile.
        ch.eventLoop().execute(() -> sleep(50));
        Thread.sleep(5);
        long sent = System.nanoTime();
        sender.send(new java.net.DatagramPacket(new byte[] {1, 2, 3}, 3, to));
        long[] read = reads.poll(5, TimeUnit.SECONDS);
        long arrived = read[0];
        long delivered = read[1];
        assertTrue(arrived >= sent - TimeUnit.MICROSECONDS.toNanos(100),
            "arrival " + (arrived - sent) + " ns after the send");
        assertTrue(arrived - sent < TimeUnit.MILLISECONDS.toNanos(20),
            "arrival " + (arrived - sent) + " ns after the send");
        assertTrue(delivered - arrived > TimeUnit.MILLISECONDS.toNanos(20),
            "read " + (delivered - arrived) + " ns after its arrival");
      }
      // Outside a read no arrival is known.
      assertEquals(-1, ch.eventLoop().submit(ArrivalStamps::current).get());
      ch.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
