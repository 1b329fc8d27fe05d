package org.weasis.progressive.codec.charls.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.weasis.progressive.testsupport.charls.ffm.CharlsBindings;
import org.weasis.progressive.testsupport.charls.ffm.CharlsException;
import org.weasis.progressive.testsupport.charls.ffm.CharlsLibrary;
import org.weasis.progressive.testsupport.charls.ffm.NativeDecoder;

/**
 * Gives one file to CharLS itself, with no Java check in front, in a JVM of its own: the
 * tests that show CharLS aborting run this, so that only the child dies.
 */
final class CharlsDecodeChild {
  /** Exit status when CharLS returned an error code instead of aborting. */
  static final int REFUSED = 3;

  private CharlsDecodeChild() {}

  /** {@code CharlsDecodeChild FILE}: prints what CharLS did; exit 0 decoded, 3 refused, 134 abort(). */
  public static void main(String[] args) throws Exception {
    byte[] data = Files.readAllBytes(Path.of(args[0]));
    CharlsBindings charls = CharlsLibrary.bindings().orElseThrow(() -> new IllegalStateException(CharlsLibrary.failure()));
    try (Arena arena = Arena.ofConfined();
        NativeDecoder decoder = NativeDecoder.create(charls)) {
      MemorySegment source = arena.allocate(data.length);
      MemorySegment.copy(data, 0, source, ValueLayout.JAVA_BYTE, 0, data.length);
      decoder.readHeader(source);
      MemorySegment pixels = arena.allocate(decoder.destinationSize());
      System.out.println("CharLS is decoding " + data.length + " bytes");
      System.out.flush();
      decoder.decodeTo(pixels);
      System.out.println("CharLS decoded it");
    } catch (CharlsException e) {
      System.out.println("CharLS refused it: " + e.getMessage());
      System.exit(REFUSED);
    }
  }
}
