/**
 * Retrieval API of weasis-progressive: retrieve configuration (Cornerstone3D's stages and
 * retrieveOptions), the retrieval service and its load events, loading strategies, and per-node settings
 * with their store and capability probe. Frames are decoded through the decoder SPI in {@code
 * org.weasis.progressive.api.decoder}.
 */
@Export
@Version("2.0.0")
package org.weasis.progressive.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
