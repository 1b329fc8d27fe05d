package org.weasis.progressive.api;

/**
 * A snapshot of a running load.
 *
 * @param images images in the series (0 while the metadata is read)
 * @param imagesShown images with at least one version delivered
 * @param imagesFinal images at their final status
 * @param imagesFailed images that ended below it
 * @param bytesReceived bytes received so far
 * @param queued requests waiting
 * @param inFlight requests running
 */
public record LoadProgress(
    int images,
    int imagesShown,
    int imagesFinal,
    int imagesFailed,
    long bytesReceived,
    int queued,
    int inFlight) {}
