package org.weasis.progressive.internal.dicom;

import java.io.IOException;

/** Series metadata that cannot be turned into images; the message names the instance and the attribute. */
public class MetadataException extends IOException {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
