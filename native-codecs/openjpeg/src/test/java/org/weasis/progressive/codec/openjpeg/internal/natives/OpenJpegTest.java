package org.weasis.progressive.codec.openjpeg.internal.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weasis.progressive.testsupport.codec.ReferenceTools;
import org.weasis.progressive.testsupport.codec.SyntheticImage;

class OpenJpegTest {
  private static OpenJpeg library() {
    OpenJpeg.Availability availability = OpenJpeg.load();
    assertTrue(availability.available(), availability::problem);
    return availability.library();
  }

  @Test
  void outsideOsgiTheCopyEmbeddedInTheBuildIsLoaded() {
    OpenJpeg library = library();

    assertTrue(library.version().startsWith("2.5."), library.version());
    assertTrue(library.source().startsWith("embedded"), library.source());
    assertTrue(library.threadSupport());
  }

  @Test
  void whenNoPlaceHasAUsableLibraryTheProblemSaysWhatToInstall() {
    LibraryLocator.Located located = LibraryLocator.locate(lookup -> "version 2.4.0 found");

    OpenJpeg.Availability availability = OpenJpeg.unavailable(located.failures());

    assertEquals(null, located.lookup());
    assertEquals(3, located.failures().size(), located.failures().toString());
    assertTrue(availability.problem().contains("apt-get install libopenjp2-7"), availability.problem());
    assertTrue(availability.problem().contains("version 2.4.0 found"), availability.problem());
  }

  @Test
  void theStructLayoutsHaveTheSizesOfOpenJpeg25OnX8664() {
    assertEquals(48, OpenJp2.OPJ_IMAGE.byteSize());
    assertEquals(64, OpenJp2.OPJ_IMAGE_COMP.byteSize());
    assertEquals(48, OpenJp2.COMP_DATA);
  }

  @Test
  void openJpegsOwnErrorTextEndsUpInTheException() {
    byte[] soc = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 2, 1, 2, 3};

    NativeDecodeException e = assertThrows(NativeDecodeException.class,
        () -> library().decode(ByteBuffer.wrap(soc), new OpenJpeg.Request(0, true, 1, 1, 1, 1, false)));

    assertTrue(e.getMessage().startsWith("opj_read_header failed: "), e.getMessage());
    assertTrue(e.getMessage().length() > "opj_read_header failed: ".length() + 10, e.getMessage());
  }

  @Test
  void anImageOfAnotherSizeThanExpectedIsNotCopied(@TempDir Path dir) throws Exception {
    byte[] data = ReferenceTools.opjCompress(SyntheticImage.make(40, 30, 1, 12, false, 1), dir, "j2k", "-n", "3");

    NativeDecodeException e = assertThrows(NativeDecodeException.class,
        () -> library().decode(ByteBuffer.wrap(data), new OpenJpeg.Request(0, true, 1, 41, 30, 1, false)));

    assertTrue(e.getMessage().contains("as 40x30"), e.getMessage());
  }

  @Test
  void samplesComeOutInterleavedAndInTheirOwnValues(@TempDir Path dir) throws Exception {
    SyntheticImage rgb = SyntheticImage.make(33, 17, 3, 8, false, 2);
    SyntheticImage signed = SyntheticImage.make(33, 17, 1, 16, true, 3);

    ByteBuffer colour = (ByteBuffer) library().decode(ByteBuffer.wrap(ReferenceTools.opjCompress(rgb, dir, "j2k", "-n", "3")),
        new OpenJpeg.Request(0, true, 1, 33, 17, 3, true));
    ShortBuffer grey = (ShortBuffer) library().decode(ByteBuffer.wrap(ReferenceTools.opjCompress(signed, dir, "j2k", "-n", "3")),
        new OpenJpeg.Request(0, true, 1, 33, 17, 1, false));

    for (int i = 0; i < rgb.samples().length; i++) {
      assertEquals(rgb.samples()[i], colour.get(i) & 0xFF, "sample " + i);
    }
    for (int i = 0; i < signed.samples().length; i++) {
      assertEquals(signed.samples()[i], grey.get(i), "sample " + i);
    }
  }

  @Test
  void aGreyPlaneCopiedInPartsOnSeveralThreadsKeepsEverySampleInPlace(@TempDir Path dir) throws Exception {
    // 301x203: several bulk chunks and a short last one, split in three parts that do not fall on chunks
    SyntheticImage signed = SyntheticImage.make(301, 203, 1, 16, true, 4);
    byte[] data = ReferenceTools.opjCompress(signed, dir, "j2k", "-n", "3");

    for (int threads : new int[] {1, 2, 3}) {
      ShortBuffer grey = (ShortBuffer) library().decode(ByteBuffer.wrap(data),
          new OpenJpeg.Request(0, true, threads, 301, 203, 1, false));
      for (int i = 0; i < signed.samples().length; i++) {
        assertEquals(signed.samples()[i], grey.get(i), threads + " threads, sample " + i);
      }
    }
  }
}
