/**
 * Node settings API of weasis-progressive: where the user's DICOMweb nodes ({@link
 * org.weasis.progressive.api.NodeConfig}) are stored, the capability probe, and the DICOM JSON
 * (queries, metadata) a host reads from a node through the node's own HTTP settings.
 */
@Export
@Version("2.1.0")
package org.weasis.progressive.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
