package org.rivulet.rpc.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Lets through only WebSocket upgrades on the configured path (a query string such as
 * {@code ?access_token=…} is allowed, as Kurento allows it). Answers everything else itself:
 * 404 for other paths, and 500 for an upgrade without {@code Sec-WebSocket-Key}, which is what
 * Kurento's Docker health check expects from a healthy server. Not sharable: one per channel.
 */
final class UpgradeGate extends ChannelInboundHandlerAdapter {
  private final String path;

  UpgradeGate(String path) {
    this.path = "/" + path;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String requested = new QueryStringDecoder(request.uri()).path();
    boolean upgrade = request.headers().containsValue(HttpHeaderNames.UPGRADE,
        HttpHeaderValues.WEBSOCKET, true);
    if (!requested.equals(path)) {
      respond(ctx, request, HttpResponseStatus.NOT_FOUND, "Not found\n");
    } else if (!upgrade) {
      respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "Kurento Protocol: WebSocket only\n");
    } else if (!request.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
      respond(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Missing Sec-WebSocket-Key\n");
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest request,
      HttpResponseStatus status, String body) {
    request.release();
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
