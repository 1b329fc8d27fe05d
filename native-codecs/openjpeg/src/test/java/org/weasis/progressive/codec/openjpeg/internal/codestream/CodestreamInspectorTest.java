package org.weasis.progressive.codec.openjpeg.internal.codestream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.codec.openjpeg.internal.RealFixtures;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;

class CodestreamInspectorTest {
  private static final String TS = "1.2.840.10008.1.2.4.90";

  @TempDir static Path dir;
  private static SyntheticImage image;
  private static byte[] htRpcl;
  private static byte[] htLrcp;
  private static byte[] classic;

  @BeforeAll
  static void encode() throws IOException {
    image = SyntheticImage.make(301, 203, 1, 12, false, 21);
    htRpcl = ReferenceTools.ojphCompress(image, dir, "-prog_order", "RPCL");
    htLrcp = ReferenceTools.ojphCompress(image, dir, "-prog_order", "LRCP", "-num_decomps", "4");
    classic = ReferenceTools.opjCompress(image, dir, "j2k", "-r", "20,5,1", "-n", "5");
  }

  private static Codestream inspect(byte[] data) throws CodestreamException {
    return CodestreamInspector.inspect(ByteBuffer.wrap(data), TS);
  }

  // ---- what it reads ----

  @Test
  void readsTheMainHeaderOfAnHtj2kStreamFromOpenJph() throws Exception {
    Codestream c = inspect(htRpcl);

    assertEquals(301, c.size().width());
    assertEquals(203, c.size().height());
    assertEquals(List.of(new ImageComponent(12, false, 1, 1)), c.size().components());
    assertTrue(c.htCapability(), "CAP announces Part 15");
    assertTrue(c.ht());
    assertEquals(new CodingStyle(Progression.RPCL, 1, false, false, false), c.coding());
    ComponentStyle style = c.components().get(0);
    assertEquals(5, style.levels());
    assertEquals(6, style.blockWidthExp());
    assertEquals(6, style.blockHeightExp());
    assertTrue(style.reversibleTransform());
    assertTrue(c.reversible());
    assertTrue(c.complete());
    assertEquals(htRpcl.length, c.end());
    assertEquals(1, c.tileParts().size());
  }

  @Test
  void readsLayersAndProgressionOfAClassicStream() throws Exception {
    Codestream c = inspect(classic);

    assertFalse(c.htCapability());
    assertFalse(c.ht());
    assertEquals(Progression.LRCP, c.coding().progression());
    assertEquals(3, c.coding().layers());
    assertEquals(4, c.minLevels());
    assertTrue(c.reversible(), "the last layer is lossless 5/3");
  }

  @Test
  void findsTheCodestreamInsideAJp2File() throws Exception {
    byte[] jp2 = ReferenceTools.opjCompress(image, dir, "jp2");

    Codestream c = inspect(jp2);

    assertTrue(c.jp2());
    assertEquals(0xFF4F, ((jp2[c.start()] & 0xFF) << 8) | (jp2[c.start() + 1] & 0xFF));
    assertTrue(c.complete());
  }

  @Test
  void notesTlmAndPltAndCountsTileParts() throws Exception {
    byte[] data = ReferenceTools.opjCompress(image, dir, "j2k", "-TLM", "-PLT", "-p", "RPCL", "-TP", "R");

    Codestream c = inspect(data);

    assertTrue(c.markers().containsAll(List.of("TLM", "PLT")), c.markers().toString());
    assertEquals(6, c.tileParts().size(), "one tile-part per resolution");
    assertTrue(c.complete());
  }

  @Test
  void anIrreversibleStreamIsNotReversible() throws Exception {
    assertFalse(inspect(ReferenceTools.opjCompress(image, dir, "j2k", "-I")).reversible());
  }

  // ---- where packets end ----

  @Test
  void packetLengthsReadFromTheHeadersAreThoseOpenJpegWritesInPlt() throws Exception {
    List<String[]> options = List.of(
        new String[] {"-p", "RPCL"},
        new String[] {"-p", "LRCP", "-r", "30,8,1"},
        new String[] {"-p", "RLCP", "-r", "10,1", "-SOP", "-EPH"},
        new String[] {"-p", "RPCL", "-c", "[32,32]", "-b", "16,16", "-r", "20,4,1"},
        new String[] {"-p", "PCRL", "-c", "[64,64],[32,32]"},
        new String[] {"-p", "CPRL", "-n", "3"},
        new String[] {"-p", "RPCL", "-M", "1", "-r", "9,3,1"},
        new String[] {"-p", "RPCL", "-M", "4", "-r", "9,1"},
        new String[] {"-p", "RPCL", "-M", "5", "-r", "9,1"},
        new String[] {"-p", "RPCL", "-M", "42"},
        new String[] {"-p", "RPCL", "-TP", "R"});
    for (String[] extra : options) {
      String[] withPlt = Arrays.copyOf(extra, extra.length + 1);
      withPlt[extra.length] = "-PLT";
      byte[] data = ReferenceTools.opjCompress(image, dir, "j2k", withPlt);

      Codestream c = inspect(data);

      assertNull(c.unpredictableReason(), String.join(" ", extra));
      assertArrayEquals(pltLengths(data), packetLengths(c), String.join(" ", extra));
    }
  }

  @Test
  void colourStreamsWithEqualSubsamplingArePredictedToo() throws Exception {
    SyntheticImage rgb = SyntheticImage.make(120, 90, 3, 8, false, 22);
    for (String order : List.of("RPCL", "PCRL", "CPRL", "LRCP")) {
      byte[] data = ReferenceTools.opjCompress(rgb, dir, "j2k", "-p", order, "-c", "[32,32]", "-PLT", "-r", "6,1");

      Codestream c = inspect(data);

      assertArrayEquals(pltLengths(data), packetLengths(c), order);
    }
  }

  @Test
  void resolutionsOfAResolutionMajorStreamCompleteOneAfterAnother() throws Exception {
    for (byte[] data : List.of(htRpcl, htLrcp)) {
      Codestream c = inspect(data);
      int levels = c.minLevels();

      for (int level = levels; level > 0; level--) {
        assertTrue(c.completeAt(level) < c.completeAt(level - 1), "level " + level);
        assertEquals(level, c.decodableLevel(c.completeAt(level)));
        assertEquals(level + 1 > levels ? -1 : level + 1, c.decodableLevel(c.completeAt(level) - 1));
      }
      assertTrue(c.completeAt(levels) < data.length / 20, "the coarsest level is a small part");
      assertEquals(0, c.decodableLevel(data.length));
      assertEquals(1, c.decodableLevel(data.length - 1), "no EOC, no level 0");
    }
  }

  @Test
  void aPrefixOfALayeredLrcpStreamHoldsEveryLevelOnlyNearItsEnd() throws Exception {
    Codestream c = inspect(classic);

    assertTrue(c.completeAt(4) > classic.length / 4, "level 4 needs the last layer of resolution 0");
    assertEquals(-1, c.decodableLevel(c.completeAt(4) - 1));
  }

  @Test
  void aPrefixKnowsOnlyTheLevelsItHolds() throws Exception {
    Codestream whole = inspect(htRpcl);
    int cut = (int) whole.completeAt(2) + 10;

    Codestream prefix = CodestreamInspector.inspect(ByteBuffer.wrap(htRpcl, 0, cut), TS);

    assertFalse(prefix.complete());
    assertEquals(cut, prefix.end());
    assertEquals(whole.completeAt(2), prefix.completeAt(2));
    assertEquals(-1, prefix.completeAt(1));
    assertEquals(2, prefix.decodableLevel(cut));
  }

  @Test
  void aMultiTileStreamIsNotPredicted() throws Exception {
    Codestream c = inspect(ReferenceTools.opjCompress(image, dir, "j2k", "-t", "128,128", "-p", "RPCL"));

    assertEquals(6, c.size().tileCount());
    assertNull(c.levelCompleteAt());
    assertTrue(c.unpredictableReason().contains("6 tiles"));
    assertTrue(c.complete());
  }

  @Test
  void aCompletedPrefixIsAValidCodestreamOfTheSameHeaders() throws Exception {
    Codestream whole = inspect(htRpcl);
    long cut = whole.completeAt(3);

    byte[] completed = PrefixTerminator.terminate(ByteBuffer.wrap(htRpcl), whole, cut);
    Codestream c = inspect(completed);

    assertTrue(c.complete());
    assertEquals(whole.completeAt(3), c.completeAt(3));
    assertEquals(whole.packetEnds().length, c.packetEnds().length);
    assertEquals(completed.length - 2, c.completeAt(0), "the rest are one-byte empty packets");
  }

  // ---- what it refuses ----

  @Test
  void bytesThatAreNeitherJ2kNorJp2AreRefused() {
    assertMalformed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, "neither a J2K codestream");
  }

  @Test
  void aPrefixEndingInTheMainHeaderIsTruncatedNotMalformed() {
    for (int length : new int[] {2, 20, 60, 100}) {
      CodestreamException e = assertThrows(CodestreamException.class,
          () -> CodestreamInspector.inspect(ByteBuffer.wrap(htRpcl, 0, length), TS));
      assertTrue(e.truncated(), length + ": " + e.getMessage());
    }
  }

  @Test
  void sizValuesPastTheCapsAreRefused() {
    assertMalformed(patched(htRpcl, b -> b.putShort(4, (short) 44)), "SIZ length");
    assertMalformed(patched(htRpcl, b -> b.put(42, (byte) 16)), "17 bits");
    assertMalformed(patched(htRpcl, b -> b.putInt(8, 70000).putInt(24, 70000)), "exceeds 65535");
    assertMalformed(patched(htRpcl, b -> b.putInt(8, 0)), "empty");
    assertMalformed(patched(htRpcl, b -> b.put(43, (byte) 0)), "subsampling 0x1");
    assertMalformed(patched(htRpcl, b -> b.putInt(8, 65000).putInt(24, 1).putInt(28, 1)), "tiles; at most 65535");
  }

  @Test
  void codValuesOutOfRangeAreRefused() {
    int cod = markerAt(htRpcl, 0xFF52);
    assertMalformed(patched(htRpcl, b -> b.put(cod + 5, (byte) 7)), "progression order 7");
    assertMalformed(patched(htRpcl, b -> b.putShort(cod + 6, (short) 0)), "0 layers");
    assertMalformed(patched(htRpcl, b -> b.put(cod + 10, (byte) 7)), "code-block size");
    assertMalformed(patched(htRpcl, b -> b.put(cod + 13, (byte) 2)), "wavelet transform 2");
    assertMalformed(patched(htRpcl, b -> b.put(cod + 9, (byte) 33)), "decomposition levels");
    assertMalformed(patched(htRpcl, b -> b.putShort(cod + 2, (short) 13)), "COD");
  }

  @Test
  void aMissingCodIsRefused() {
    int cod = markerAt(htRpcl, 0xFF52);
    assertMalformed(patched(htRpcl, b -> b.putShort(cod, (short) 0xFF64)), "lacks COD");
  }

  @Test
  void aMarkerLengthRunningPastTheDataIsTruncatedAndOneBelowTwoMalformed() {
    int cod = markerAt(htRpcl, 0xFF52);
    byte[] head = Arrays.copyOf(htRpcl, 300);
    CodestreamException past = assertThrows(CodestreamException.class,
        () -> inspect(patched(head, b -> b.putShort(cod + 2, (short) 0xFFF0))));
    assertTrue(past.truncated(), past.getMessage());
    assertMalformed(patched(htRpcl, b -> b.putShort(cod + 2, (short) 1)), "length of 1");
  }

  @Test
  void badTilePartHeadersAreRefused() {
    int sot = markerAt(htRpcl, 0xFF90);
    assertMalformed(patched(htRpcl, b -> b.putShort(sot + 2, (short) 11)), "not 10");
    assertMalformed(patched(htRpcl, b -> b.putInt(sot + 6, 5)), "tile-part of 5 bytes");
    assertMalformed(patched(htRpcl, b -> b.putShort(sot + 4, (short) 1)), "names tile 1");
    assertMalformed(patched(htRpcl, b -> b.put(sot + 10, (byte) 1)), "part 1 follows 0");
  }

  @Test
  void aStrayMarkerBetweenTilePartsIsRefused() {
    byte[] data = htRpcl.clone();
    data[data.length - 1] = (byte) 0x64; // EOC becomes COM
    assertMalformed(data, "expected SOT or EOC");
  }

  @Test
  void aFrameOtherThanTheOneExpectedIsRefusedAfterTheMainHeader() {
    assertExpectedRefused(new CodestreamInspector.Expected(300, 203, 1, 16), "the codestream is 301x203");
    assertExpectedRefused(new CodestreamInspector.Expected(301, 203, 3, 16), "has 1 components");
    assertExpectedRefused(new CodestreamInspector.Expected(301, 203, 1, 8), "12 bits does not fit in 8");
  }

  @Test
  void anHtCodeBlockWhoseMelSegmentWouldTripOpenJpegsAssertionIsRefused() throws Exception {
    // Offset found by scanning: the MEL segment of a code-block of this fixture frame starts there.
    byte[] frame = RealFixtures.frame("1.2.826.0.1.3680043.8.498.1001.1.1");
    byte[] bad = frame.clone();
    bad[635] = (byte) 0xFF;
    bad[636] = (byte) 0x9A;

    assertMalformed(bad, "MEL segment");
  }

  // ---- helpers ----

  private static void assertExpectedRefused(CodestreamInspector.Expected expected, String reason) {
    CodestreamException e = assertThrows(CodestreamException.class,
        () -> CodestreamInspector.inspect(ByteBuffer.wrap(htRpcl), TS, expected));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  private static void assertMalformed(byte[] data, String reason) {
    CodestreamException e = assertThrows(CodestreamException.class, () -> inspect(data));
    assertFalse(e.truncated(), e.getMessage());
    assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(TS + ": "), "names the transfer syntax");
  }

  private static byte[] patched(byte[] data, Consumer<ByteBuffer> patch) {
    byte[] copy = data.clone();
    patch.accept(ByteBuffer.wrap(copy));
    return copy;
  }

  static int markerAt(byte[] data, int marker) {
    for (int i = 0; i + 1 < data.length; i++) {
      if ((data[i] & 0xFF) == marker >> 8 && (data[i + 1] & 0xFF) == (marker & 0xFF)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
  }

  private static long[] packetLengths(Codestream c) {
    long[] ends = c.packetEnds();
    assertNotNull(ends, "packets located");
    long[] lengths = new long[ends.length];
    int part = 0;
    long previous = c.tileParts().get(0).bodyStart();
    for (int i = 0; i < ends.length; i++) {
      // A packet that starts a new tile-part starts after that tile-part's header.
      while (part + 1 < c.tileParts().size() && previous >= c.tileParts().get(part).end()) {
        part++;
        previous = c.tileParts().get(part).bodyStart();
      }
      lengths[i] = ends[i] - previous;
      previous = ends[i];
    }
    return lengths;
  }

  /** Packet lengths of every PLT marker, read independently of the inspector. */
  private static long[] pltLengths(byte[] data) {
    List<Long> lengths = new ArrayList<>();
    for (int i = 0; i + 4 < data.length; i++) {
      if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == 0x58) {
        int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
        long value = 0;
        for (int j = i + 5; j < i + 2 + length; j++) {
          value = (value << 7) | (data[j] & 0x7F);
          if ((data[j] & 0x80) == 0) {
            lengths.add(value);
            value = 0;
          }
        }
        i += 1 + length;
      } else if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == 0x93) {
        // skip to the end of this tile-part: SOD is followed by packet data, not markers
        int sot = lastSotBefore(data, i);
        long psot = ((long) (data[sot + 6] & 0xFF) << 24) | ((data[sot + 7] & 0xFF) << 16)
            | ((data[sot + 8] & 0xFF) << 8) | (data[sot + 9] & 0xFF);
        i = (int) (sot + psot) - 1;
      }
    }
    return lengths.stream().mapToLong(Long::longValue).toArray();
  }

  private static int lastSotBefore(byte[] data, int at) {
    for (int i = at; i > 0; i--) {
      if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) == 0x90) {
        return i;
      }
    }
    throw new IllegalStateException("SOD without SOT");
  }
}
