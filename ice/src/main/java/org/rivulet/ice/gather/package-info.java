/**
 * Which local addresses ICE gathers host candidates on, and how they are advertised.
 *
 * <p>{@link org.rivulet.ice.gather.HostAddressEnumerator} lists the interface addresses to bind sockets
 * to (honouring Kurento's {@code networkInterfaces}); the WebRTC endpoint binds a UDP socket (and, with
 * {@code iceTcp}, a passive TCP listener) on each and hands them to the agent as host candidates.
 * {@link org.rivulet.ice.gather.ExternalAddresses} implements {@code externalIPv4}/{@code externalIPv6}:
 * the address advertised in place of the interface's. Server-reflexive candidates are found by the agent
 * itself, on the same sockets ({@code org.rivulet.ice.agent.StunBindingClient}).
 *
 * <p>Nothing here does socket I/O or name resolution; listing interfaces is the only system call, and
 * callers do it once per endpoint, off the packet path.
 */
package org.rivulet.ice.gather;
