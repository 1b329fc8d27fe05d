/**
 * Node settings API of weasis-progressive: where the user's DICOMweb nodes ({@link
 * org.weasis.progressive.api.NodeConfig}) are stored, and the capability probe.
 */
@Export
@Version("2.0.0")
package org.weasis.progressive.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
