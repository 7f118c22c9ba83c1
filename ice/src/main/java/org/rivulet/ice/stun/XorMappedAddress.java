package org.rivulet.ice.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * XOR-MAPPED-ADDRESS (RFC 8489 section 14.2): the reflexive transport address, XORed with the magic
 * cookie (and, for IPv6, the transaction id) so that NATs rewriting addresses in payloads leave it alone.
 * Binding success responses carry it; ICE learns peer-reflexive candidates from it (RFC 8445 section
 * 7.2.5.3.1). The layout is drawn in {@link StunAddressCodec}.
 *
 * @param address the address in the clear; resolved, IPv4 or IPv6
 */
public record XorMappedAddress(InetSocketAddress address) implements StunAttribute {

  public XorMappedAddress {
    StunAddressCodec.requireResolved(address, "XOR-MAPPED-ADDRESS");
  }

  @Override
  public int type() {
    return StunAttributeType.XOR_MAPPED_ADDRESS;
  }

  @Override
  public int valueLength() {
    return StunAddressCodec.valueLength(address);
  }

  @Override
  public void writeValue(ByteBuf out, TransactionId transactionId) {
    StunAddressCodec.write(out, address, transactionId);
  }
}
