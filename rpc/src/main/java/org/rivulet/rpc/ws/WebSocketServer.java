package org.rivulet.rpc.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import org.rivulet.rpc.jsonrpc.JsonRpcDecoder;
import org.rivulet.rpc.jsonrpc.KurentoProtocol;
import org.rivulet.transport.EventLoops;

/**
 * The Kurento Protocol's WebSocket listener: HTTP/1.1 upgrade on one path, then JSON-RPC messages
 * over TEXT (or BINARY) frames. Per channel:
 * <pre>
 *  [SslHandler] → HttpServerCodec → HttpObjectAggregator → UpgradeGate
 *     → WebSocketServerProtocolHandler → WebSocketFrameAggregator → JsonRpcFrameHandler
 * </pre>
 */
public final class WebSocketServer {
  /** Hard cap on one message; past it the frame decoder closes the connection (1009). */
  static final int MAX_FRAME = 8 << 20;

  private final EventLoops loops;
  private final KurentoProtocol protocol;
  private final JsonRpcDecoder decoder;

  public WebSocketServer(EventLoops loops, KurentoProtocol protocol, JsonRpcDecoder decoder) {
    this.loops = loops;
    this.protocol = protocol;
    this.decoder = decoder;
  }

  /**
   * Binds a listener; blocks until bound (start-up only).
   *
   * @param ssl the TLS context for wss, or null for ws
   * @return the bound channel (its local address has the real port when 0 was asked)
   */
  public Channel bind(String address, int port, String path, SslContext ssl)
      throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops.control())
        .channel(loops.serverSocketChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) {
              p.addLast(ssl.newHandler(ch.alloc()));
            }
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(64 * 1024));
            p.addLast(new UpgradeGate(path));
            p.addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/" + path)
                .checkStartsWith(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(MAX_FRAME)
                    .allowExtensions(false)
                    .build())
                .build()));
            p.addLast(new WebSocketFrameAggregator(MAX_FRAME));
            p.addLast(new JsonRpcFrameHandler(protocol, decoder));
          }
        });
    return bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
  }
}
