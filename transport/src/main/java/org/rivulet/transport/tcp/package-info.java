/**
 * ICE-TCP (RFC 6544), passive side: {@link org.rivulet.transport.tcp.TcpPortRange} binds listeners in the
 * media port range; each accepted connection is framed with RFC 4571
 * ({@link org.rivulet.transport.tcp.Rfc4571FrameDecoder}, {@link org.rivulet.transport.tcp.Rfc4571FrameEncoder})
 * and its frames are presented as datagrams from the peer
 * ({@link org.rivulet.transport.tcp.FramedDatagramHandler}), so the RFC 7983 demultiplexer and the layers
 * above treat TCP and UDP alike.
 *
 * <p>Threads: a listener and its connections share one event loop; the handlers and
 * {@link org.rivulet.transport.tcp.Rfc4571Counters} are confined to it.
 */
package org.rivulet.transport.tcp;
