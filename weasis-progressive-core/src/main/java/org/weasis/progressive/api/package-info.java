/**
 * Public API of weasis-progressive: retrieve configuration (Cornerstone3D's stages and retrieveOptions),
 * the retrieval service, loading strategies and the frame decoder SPI.
 */
@Export
@Version("1.0.0")
package org.weasis.progressive.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
