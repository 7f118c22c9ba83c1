/**
 * Retransmission and congestion feedback state, sans I/O: the receiver's {@link
 * org.rivulet.rtp.feedback.NackGenerator} (which lost packets to ask for) and {@link
 * org.rivulet.rtp.feedback.TwccRecorder} (transport-wide arrival times to report), the sender's
 * {@link org.rivulet.rtp.feedback.SendHistory} (packets kept to answer NACKs), and
 * {@link org.rivulet.rtp.feedback.RtxPackets} (RFC 4588 wrapping and unwrapping).
 *
 * <p>Nothing here reads a clock, schedules a task or touches a channel: time comes in as
 * {@code long nowNanos} from one monotonic clock, and results go back to the caller, who owns the
 * timers and the sockets. That keeps every decision testable with made-up times. The classes are
 * single-threaded, to be used on the event loop of the stream or transport they serve, and every
 * structure is bounded whatever the peer sends (RELIABILITY.md B5).
 */
package org.rivulet.rtp.feedback;
