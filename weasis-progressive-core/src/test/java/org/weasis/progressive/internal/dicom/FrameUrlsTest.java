package org.weasis.progressive.internal.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.RetrieveOptions;
import org.weasis.progressive.api.decoder.PixelDescription;

class FrameUrlsTest {
  private static final ImageRef IMAGE = new ImageRef("1.2", "1.2.3", "1.2.3.4", 2,
      "http://127.0.0.1:8080/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/frames", null, 1,
      PixelDescription.grey(4, 4, 12, false));

  @Test
  void buildsTheFrameUrlFromTheFramesResourceAndFrameNumber() {
    assertEquals("http://127.0.0.1:8080/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/2",
        FrameUrls.build(IMAGE, RetrieveOptions.DEFAULT).toString());
  }

  @Test
  void framesPathReplacesTheFramesSegment() {
    assertEquals(
        "http://127.0.0.1:8080/dicomweb/studies/1.2/series/1.2.3/instances/1.2.3.4/jlsThumbnail/2",
        FrameUrls.build(IMAGE, options("/jlsThumbnail/", null)).toString());
  }

  @Test
  void urlArgumentsAreAppendedAfterQuestionMarkOrAmpersand() {
    assertEquals(IMAGE.framesUrl() + "/2?accept=image/jls",
        FrameUrls.build(IMAGE, options(null, "accept=image/jls")).toString());
    ImageRef withQuery = new ImageRef("1.2", "1.2.3", "1.2.3.4", 1, IMAGE.framesUrl(), null, 1,
        IMAGE.pixels());
    String base = FrameUrls.build(withQuery, options(null, "?a=1")).toString();
    assertEquals(IMAGE.framesUrl() + "/1?a=1", base);
  }

  private static RetrieveOptions options(String framesPath, String args) {
    return RetrieveOptions.builder().framesPath(framesPath).urlArguments(args).build();
  }
}
