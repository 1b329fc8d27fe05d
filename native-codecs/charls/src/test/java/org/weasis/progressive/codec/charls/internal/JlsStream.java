package org.weasis.progressive.codec.charls.internal;

import java.io.ByteArrayOutputStream;

/** Builds JPEG-LS codestreams segment by segment, for tests that need headers or scans no encoder writes. */
final class JlsStream {
  private static final byte[] PLACEHOLDER_SCAN = {0x12, 0x34};

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  JlsStream() {
    bytes.write(0xFF);
    bytes.write(0xD8);
  }

  JlsStream frame(int precision, int rows, int columns, int components) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(precision);
    u16(body, rows);
    u16(body, columns);
    body.write(components);
    for (int c = 1; c <= components; c++) {
      body.write(c);
      body.write(0x11);
      body.write(0);
    }
    return segment(0xF7, body.toByteArray());
  }

  /** An LSE preset segment with thresholds 18, 67, 276 (those of 16-bit data). */
  JlsStream preset(int maxValue, int reset) {
    return preset(maxValue, 18, 67, 276, reset);
  }

  /** An LSE preset segment (type 1); zeros stand for the defaults. */
  JlsStream preset(int maxValue, int t1, int t2, int t3, int reset) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(1);
    for (int value : new int[] {maxValue, t1, t2, t3, reset}) {
      u16(body, value);
    }
    return segment(0xF8, body.toByteArray());
  }

  /** A scan header followed by two bytes that stand for entropy-coded data. */
  JlsStream scan(int components, int near, int interleave) {
    return scan(components, near, interleave, PLACEHOLDER_SCAN);
  }

  /** A scan header over components 1..{@code components} followed by {@code data}. */
  JlsStream scan(int components, int near, int interleave, byte[] data) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(components);
    for (int c = 1; c <= components; c++) {
      body.write(c);
      body.write(0);
    }
    body.write(near);
    body.write(interleave);
    body.write(0);
    segment(0xDA, body.toByteArray());
    bytes.writeBytes(data);
    return this;
  }

  /** Bytes as they are, such as fill bytes before a marker or entropy-coded data. */
  JlsStream raw(int... values) {
    for (int value : values) {
      bytes.write(value);
    }
    return this;
  }

  /** Bytes as they are. */
  JlsStream raw(byte[] values) {
    bytes.writeBytes(values);
    return this;
  }

  JlsStream segment(int marker, byte[] body) {
    bytes.write(0xFF);
    bytes.write(marker);
    u16(bytes, body.length + 2);
    bytes.writeBytes(body);
    return this;
  }

  byte[] end() {
    bytes.write(0xFF);
    bytes.write(0xD9);
    return bytes.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >> 8);
    out.write(value & 0xFF);
  }
}
