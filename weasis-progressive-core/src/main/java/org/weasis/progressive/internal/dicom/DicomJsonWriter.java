package org.weasis.progressive.internal.dicom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes DICOM JSON (PS3.18 F.2) — an array of objects (instances, or the studies or series of a QIDO
 * list), each a map from tag to {@code vr} and {@code Value} or {@code BulkDataURI}. The project's one
 * DICOM JSON writer: for the core's own loopback series (the warm-up), and for the test servers and
 * study writers outside the bundle, which use it from the core's jar. Jackson's streaming generator, not
 * its data binding: writing must not load the serializers a real load never needs.
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

  /** Starts the next instance, or list entry (ending the one before). */
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
   * A decimal-valued attribute (DS, FD): a whole value is written without a fraction ({@code 40}, not
   * {@code 40.0}), as DICOM JSON writers usually do.
   *
   * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot hold
   */
  public DicomJsonWriter decimals(String tag, String vr, double... values) {
    for (double value : values) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(tag + " (" + vr + "): JSON has no " + value);
      }
    }
    return attribute(tag, vr, () -> {
      for (double value : values) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
          json.writeNumber((long) value);
        } else {
          json.writeNumber(value);
        }
      }
    });
  }

  /** A person name (PN) in its alphabetic form, the object DICOM JSON wants for a name. */
  public DicomJsonWriter person(String tag, String alphabetic) {
    return attribute(tag, "PN", () -> {
      json.writeStartObject();
      json.writeStringField("Alphabetic", alphabetic);
      json.writeEndObject();
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
