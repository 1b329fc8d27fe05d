package org.weasis.progressive.codec.charls.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the entropy-coded bits of a JPEG-LS scan (T.87 A.1 and 9.1): most significant bit first, seven bits
 * in every byte that follows an 0xFF byte, and the data ends where 0xFF is followed by a byte of 0x80 or
 * more (a marker). Bits wanted past that end read as zeros and are counted, so the decoder can tell a
 * short scan from a wrong one without a check on every read.
 *
 * <p>It reads the received bytes where they are, by absolute index into a big-endian buffer: copying them
 * into an array of its own made a frame cost twice its size, outside the load's byte budget.
 */
final class JlsBitReader {
  /** The cache never holds more, so that a 64-bit shift (a no-op in Java) is never needed. */
  private static final int CACHE_BITS = 63;
  private static final int MARKER_PREFIX = 0xFF;

  /** Read by absolute index from 0, big-endian. */
  private ByteBuffer data;
  /** The bytes of {@link #data} that may be read: those received so far. */
  private int limit;
  /** The next bit is bit 63; the bits below {@link #bits} are zero. */
  private long cache;
  private int bits;
  /** The next byte to load. */
  private int position;
  /** Where the current scan or restart interval starts. */
  private int start;
  /** The first 0xFF at or after {@link #position} when not behind it; the fast refill stops there. */
  private int nextMarkerPrefix;
  /** The last byte loaded was 0xFF, so the next one holds seven bits. */
  private boolean stuffed;
  /** Where the entropy-coded data ends (a marker or the end of the data), once met; else -1. */
  private int end = -1;
  /** Zero bits added after {@link #end}; more than {@link #bits} means some were read as data. */
  private int padding;

  JlsBitReader(ByteBuffer data) {
    this.data = bigEndian(data);
    this.limit = data.limit();
  }

  /**
   * More bytes arrived: reads on in {@code data} (which holds the earlier ones at the same offsets) up to
   * {@code limit}. The caller never lets the reader come near the old limit while more bytes may follow.
   */
  void extend(ByteBuffer data, int limit) {
    this.data = bigEndian(data);
    this.limit = limit;
    nextMarkerPrefix = indexOfMarkerPrefix(position);
  }

  /** The next byte to load: the reader holds at most eight bytes ahead of what it has returned. */
  int position() {
    return position;
  }

  /** Starts reading entropy-coded data at {@code offset}, forgetting any bits of the previous interval. */
  void start(int offset) {
    cache = 0;
    bits = 0;
    position = offset;
    start = offset;
    nextMarkerPrefix = indexOfMarkerPrefix(offset);
    stuffed = false;
    end = -1;
    padding = 0;
  }

  int readBit() {
    if (bits == 0) {
      fill();
    }
    int bit = (int) (cache >>> 63);
    cache <<= 1;
    bits--;
    return bit;
  }

  /** The next {@code count} bits as an unsigned number; {@code count} is 1..31. */
  int readBits(int count) {
    if (bits < count) {
      fill();
    }
    int value = (int) (cache >>> (64 - count));
    cache <<= count;
    bits -= count;
    return value;
  }

  /**
   * A limited-length Golomb code word (T.87 A.5.3): fewer than {@code escape} zeros and a one, then
   * {@code k} bits; or exactly {@code escape} zeros and a one, then {@code qbpp} bits of the value - 1.
   * Returns -1 for a code word with more zeros than that, which no encoder writes.
   */
  int readGolomb(int k, int escape, int qbpp) {
    if (bits < 48) {
      fill();
    }
    int zeros = Long.numberOfLeadingZeros(cache);
    if (zeros < escape && zeros + k < bits) {
      int value = (zeros << k) | (int) ((cache << (zeros + 1)) >>> 1 >>> (63 - k));
      cache <<= zeros + 1 + k;
      bits -= zeros + 1 + k;
      return value;
    }
    return readLongGolomb(k, escape, qbpp);
  }

  /** The code words whose bits are not all in the cache, and escape codes. */
  private int readLongGolomb(int k, int escape, int qbpp) {
    int zeros = 0;
    while (true) {
      if (bits < 48) {
        fill();
      }
      int leading = Long.numberOfLeadingZeros(cache);
      if (leading < bits) {
        zeros += leading;
        cache <<= leading + 1;
        bits -= leading + 1;
        break;
      }
      zeros += bits;
      cache = 0;
      bits = 0;
      if (zeros > escape) {
        return -1;
      }
    }
    if (zeros > escape) {
      return -1;
    }
    if (zeros == escape) {
      return readBits(qbpp) + 1;
    }
    return k == 0 ? zeros : (zeros << k) | readBits(k);
  }

  /** True once bits past the end of the entropy-coded data have been read. */
  boolean overrun() {
    return padding > bits;
  }

  /** The first byte none of whose bits have been read, for messages. */
  int offset() {
    return boundary();
  }

  /**
   * After the last line of a scan or restart interval: skips the bits that pad the last byte (and a byte
   * after 0xFF that holds nothing else), and returns the offset of the marker that must follow, past any
   * 0xFF fill bytes, or -1 when something else follows.
   */
  int markerAfterPadding() {
    int at = boundary();
    if (paddingByteAfterFF(at)) {
      at++;
    }
    if (at + 1 >= limit || (data.get(at) & 0xFF) != MARKER_PREFIX || (data.get(at + 1) & 0xFF) < 0x80) {
      return -1;
    }
    while (at + 2 < limit && (data.get(at + 1) & 0xFF) == MARKER_PREFIX) {
      at++;
    }
    return at;
  }

  /** Encoders pad with zero bits (and CharLS refuses anything else); other bits mean misread data. */
  boolean paddingIsZero() {
    int at = boundary();
    int rest = unreadBits();
    for (int i = at; i < position; i++) {
      rest -= bitsIn(i);
    }
    boolean restIsZero = rest == 0 || (cache >>> (64 - rest)) == 0;
    return restIsZero && (!paddingByteAfterFF(at) || data.get(at) == 0);
  }

  private boolean paddingByteAfterFF(int at) {
    return at > start && data.get(at - 1) == (byte) MARKER_PREFIX && at < limit && (data.get(at) & 0xFF) < 0x80;
  }

  /** Bits loaded from the data and not read yet. */
  private int unreadBits() {
    return bits - Math.min(padding, bits);
  }

  /** The first byte none of whose bits have been read (loaded bytes are walked back over). */
  private int boundary() {
    int unread = unreadBits();
    int at = position;
    while (unread > 0 && unread >= bitsIn(at - 1)) {
      unread -= bitsIn(at - 1);
      at--;
    }
    return at;
  }

  /** The bits byte {@code index} holds: seven after a data byte 0xFF, else eight. */
  private int bitsIn(int index) {
    return index - 1 >= start && data.get(index - 1) == (byte) MARKER_PREFIX ? Byte.SIZE - 1 : Byte.SIZE;
  }

  /** Loads whole bytes until the cache holds 56 bits or more, eight at a time while no 0xFF is near. */
  private void fill() {
    int count = (CACHE_BITS - bits) >>> 3;
    if (count == 0) {
      return;
    }
    if (!stuffed && position + count <= nextMarkerPrefix && position + Long.BYTES <= limit) {
      long word = data.getLong(position);
      int loaded = count << 3;
      cache |= (word >>> (64 - loaded)) << (64 - bits - loaded);
      bits += loaded;
      position += count;
      return;
    }
    fillByBytes();
  }

  private void fillByBytes() {
    while (bits <= CACHE_BITS - Byte.SIZE) {
      if (end >= 0) {
        bits += Byte.SIZE;
        padding += Byte.SIZE;
        continue;
      }
      if (position >= limit) {
        end = position;
        continue;
      }
      int value = data.get(position) & 0xFF;
      if (stuffed) {
        cache |= (long) value << (57 - bits); // its top bit is the stuffed zero
        bits += Byte.SIZE - 1;
        position++;
        stuffed = false;
        continue;
      }
      if (value == MARKER_PREFIX) {
        if (position + 1 >= limit || (data.get(position + 1) & 0xFF) >= 0x80) {
          end = position;
          continue;
        }
        stuffed = true;
      }
      cache |= (long) value << (56 - bits);
      bits += Byte.SIZE;
      position++;
    }
    if (position > nextMarkerPrefix) {
      nextMarkerPrefix = indexOfMarkerPrefix(position);
    }
  }

  private int indexOfMarkerPrefix(int from) {
    for (int i = from; i < limit; i++) {
      if (data.get(i) == (byte) MARKER_PREFIX) {
        return i;
      }
    }
    return limit;
  }

  /** Buffers come big-endian from slicing; a caller's other order would garble {@link #fill}'s words. */
  private static ByteBuffer bigEndian(ByteBuffer data) {
    return data.order() == ByteOrder.BIG_ENDIAN ? data : data.duplicate().order(ByteOrder.BIG_ENDIAN);
  }
}
