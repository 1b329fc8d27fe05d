/** The Weasis 4.7 binding: nothing here is exported; Weasis finds it through DS services and gogo commands. */
package org.weasis.progressive.weasis.internal;
