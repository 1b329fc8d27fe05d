/**
 * Node settings API of weasis-progressive: a DICOMweb node as the user keeps it ({@link
 * org.weasis.progressive.api.node.NodeConfig}), where nodes are stored, and the capability probe.
 */
@Export
@Version("1.0.0")
package org.weasis.progressive.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
