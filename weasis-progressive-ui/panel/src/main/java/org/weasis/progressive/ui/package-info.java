/**
 * The preferences panel a Weasis preferences page hosts to edit progressive loading per DICOMweb node.
 *
 * <p>A host need not import this package: the bundle also registers the page as a service of the JDK type
 * {@code java.util.function.Supplier<javax.swing.JComponent>} with the properties
 * {@code org.weasis.progressive.page=preferences} and {@code org.weasis.progressive.page.title} (named in
 * {@code org.weasis.progressive.api.ProgressiveConstants}); each
 * {@code get()} (on the event thread) returns a new panel bound to the framework's {@code NodeStore} and
 * {@code NodeProbe}. A Weasis {@code PreferencesPageFactory} binding would reference that service with the
 * filter {@code (org.weasis.progressive.page=preferences)} and wrap the component in its page (the panel
 * carries its own Apply and Reset buttons, so the wrapper needs no method of this package); the demo
 * viewer's Settings button shows it in a dialog.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.weasis.progressive.ui;
