/** The preferences panel a Weasis preferences page hosts to edit progressive loading per DICOMweb node. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.weasis.progressive.ui;
