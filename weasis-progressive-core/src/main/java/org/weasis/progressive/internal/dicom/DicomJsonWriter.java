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
    return write(() -> {
      startAttribute(tag, vr);
      json.writeArrayFieldStart("Value");
      for (String value : values) {
        json.writeString(value);
      }
      endAttribute();
    });
  }

  /** A number-valued attribute (US, IS, DS, ...). */
  public DicomJsonWriter numbers(String tag, String vr, long... values) {
    return write(() -> {
      startAttribute(tag, vr);
      json.writeArrayFieldStart("Value");
      for (long value : values) {
        json.writeNumber(value);
      }
      endAttribute();
    });
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

  private void startAttribute(String tag, String vr) throws IOException {
    json.writeObjectFieldStart(tag);
    json.writeStringField("vr", vr);
  }

  private void endAttribute() throws IOException {
    json.writeEndArray();
    json.writeEndObject();
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
