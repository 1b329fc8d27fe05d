/**
 * Retrieval API of weasis-progressive: retrieve configuration (Cornerstone3D's stages and
 * retrieveOptions), the retrieval service and its load events, loading strategies, and the one record of
 * a DICOMweb node ({@link org.weasis.progressive.api.NodeConfig}, with its {@link
 * org.weasis.progressive.api.Authentication}); the node store and probe are in {@code
 * org.weasis.progressive.api.node}. Frames are decoded through the decoder SPI in {@code
 * org.weasis.progressive.api.decoder}.
 */
@Export
@Version("3.1.0")
package org.weasis.progressive.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
