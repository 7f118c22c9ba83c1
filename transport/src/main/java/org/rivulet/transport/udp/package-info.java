/**
 * Media UDP sockets: {@link org.rivulet.transport.udp.UdpPortRange} binds channels (single, or RTP/RTCP
 * pairs) to free ports of the configured range on a pipeline's event loop, through the non-blocking port
 * search of {@link org.rivulet.transport.udp.PortAllocator}, with the socket options of
 * {@link org.rivulet.transport.udp.UdpSocketOptions}.
 *
 * <p>Threads: the range objects are immutable and may be used from any thread; the channels and futures
 * they produce belong to the event loop passed in.
 */
package org.rivulet.transport.udp;
