package org.weasis.progressive.internal.dicom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes DICOM JSON (PS3.18 F.2) — an array of instances, each a map from tag to {@code vr} and
 * {@code Value} or {@code BulkDataURI} — for the core's own loopback series (the warm-up) and its tests.
 * Jackson's streaming generator, not its data binding: writing must not load the serializers a real load
 * never needs.
 */
public final class DicomJsonWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final JsonGenerator json;
  private boolean inInstance;

  private DicomJsonWriter() {
    try {
      json = FACTORY.createGenerator(out);
      json.writeStartArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A writer with the array opened; {@link #instance()} starts each instance. */
  public static DicomJsonWriter series() {
    return new DicomJsonWriter();
  }

  /** Starts the next instance (ending the one before). */
  public DicomJsonWriter instance() {
    return write(() -> {
      if (inInstance) {
        json.writeEndObject();
      }
      json.writeStartObject();
      inInstance = true;
    });
  }

  /** A string-valued attribute (UI, CS, ...). */
  public DicomJsonWriter strings(String tag, String vr, String... values) {
    return attribute(tag, vr, () -> {
      for (String value : values) {
        json.writeString(value);
      }
    });
  }

  /** A number-valued attribute (US, IS, DS, ...). */
  public DicomJsonWriter numbers(String tag, String vr, long... values) {
    return attribute(tag, vr, () -> {
      for (long value : values) {
        json.writeNumber(value);
      }
    });
  }

  /**
   * The Image Pixel attributes of a single-sample 16-bit greyscale image: rows, columns, bits allocated
   * (16), bits stored, unsigned samples, MONOCHROME2.
   */
  public DicomJsonWriter greyscale16(int rows, int columns, int bitsStored) {
    return numbers("00280010", "US", rows)
        .numbers("00280011", "US", columns)
        .numbers("00280100", "US", 16)
        .numbers("00280101", "US", bitsStored)
        .numbers("00280103", "US", 0)
        .strings("00280004", "CS", "MONOCHROME2");
  }

  /** An attribute whose value the server serves apart, at {@code uri}. */
  public DicomJsonWriter bulkData(String tag, String vr, String uri) {
    return write(() -> {
      json.writeObjectFieldStart(tag);
      json.writeStringField("vr", vr);
      json.writeStringField("BulkDataURI", uri);
      json.writeEndObject();
    });
  }

  /** Ends the document; the writer is spent. */
  public byte[] toBytes() {
    write(() -> {
      if (inInstance) {
        json.writeEndObject();
      }
      json.writeEndArray();
      json.close();
    });
    return out.toByteArray();
  }

  private DicomJsonWriter attribute(String tag, String vr, JsonStep values) {
    return write(() -> {
      json.writeObjectFieldStart(tag);
      json.writeStringField("vr", vr);
      json.writeArrayFieldStart("Value");
      values.run();
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private DicomJsonWriter write(JsonStep step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // into memory: cannot happen but for a misuse of the writer
    }
    return this;
  }

  @FunctionalInterface
  private interface JsonStep {
    void run() throws IOException;
  }
}
