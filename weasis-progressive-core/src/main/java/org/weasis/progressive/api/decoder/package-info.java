/**
 * Decoder SPI of weasis-progressive: a codec bundle registers {@link
 * org.weasis.progressive.api.decoder.FrameDecoder} services that turn one frame's codestream (whole or a
 * prefix) into a {@link org.weasis.progressive.api.decoder.Raster}. It depends on nothing else of the
 * project, so a codec needs only this package (and the transfer syntax UIDs of the retrieval API).
 */
@Export
@Version("1.0.0")
package org.weasis.progressive.api.decoder;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
