/**
 * Public API of weasis-progressive: retrieve configuration (Cornerstone3D's stages and retrieveOptions),
 * the retrieval service, loading strategies, the frame decoder SPI, and per-node settings with their
 * store and capability probe.
 */
@Export
@Version("1.1.0")
package org.weasis.progressive.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
