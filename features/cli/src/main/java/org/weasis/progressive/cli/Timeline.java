package org.weasis.progressive.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.weasis.progressive.api.ErrorEvent;
import org.weasis.progressive.api.ImageEvent;
import org.weasis.progressive.api.ImageRef;
import org.weasis.progressive.api.LoadListener;
import org.weasis.progressive.api.LoadSummary;

/**
 * Prints a load as it happens — one line per delivered image version — and its summary, or collects
 * the same as one JSON document for scripts and benchmarks.
 */
final class Timeline implements LoadListener {
  private final PrintStream out;
  private final boolean json;
  private final ConcurrentLinkedQueue<ImageEvent> events = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<ErrorEvent> errors = new ConcurrentLinkedQueue<>();
  private volatile List<ImageRef> images = List.of();

  Timeline(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public void onSeries(List<ImageRef> refs) {
    images = refs;
    if (!json && !refs.isEmpty()) {
      ImageRef first = refs.get(0);
      out.printf(Locale.ROOT, "series %s: %d images, %dx%d, transfer syntax %s%n", first.seriesUid(),
          refs.size(), first.pixels().columns(), first.pixels().rows(), first.transferSyntaxUid());
      out.println("      ms  image  status               size       of        bytes  stage");
    }
  }

  @Override
  public void onImage(ImageEvent e) {
    events.add(e);
    if (!json) {
      String source = e.isReplicate() ? "  (copy of " + e.sourceIndex() + ")" : "";
      out.printf(Locale.ROOT, "%8d  %5d  %-19s %9s  %9s  %10d  %s%s%n", e.elapsedMs(), e.imageIndex(),
          e.status() + "(" + e.status().value() + ")", e.columns() + "x" + e.rows(),
          e.image().pixels().columns() + "x" + e.image().pixels().rows(), e.bytesReceived(),
          e.stageId(), source);
    }
  }

  @Override
  public void onError(ErrorEvent e) {
    errors.add(e);
    if (!json) {
      out.printf(Locale.ROOT, "%8d  %5s  ERROR %s%s: %s%n", e.elapsedMs(),
          e.imageIndex() < 0 ? "-" : String.valueOf(e.imageIndex()),
          e.stageId() == null ? "" : "stage " + e.stageId(), e.permanent() ? " (final)" : " (a later stage retries)",
          e.reason());
    }
  }

  @Override
  public void onComplete(LoadSummary s) {
    if (json) {
      out.println(toJson(s));
      return;
    }
    out.printf(Locale.ROOT, "%nfirst image %d ms, all final %s, %d of %d images final, %d failed, %d bytes%s%n",
        s.firstImageMs(), s.finalMs() < 0 ? "never" : s.finalMs() + " ms", s.finalImages(), s.images(),
        s.failedImages(), s.bytesReceived(), s.cancelled() ? " (cancelled)" : "");
    s.bytesPerStage().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> out.printf(Locale.ROOT, "  stage %-18s %10d bytes%n", e.getKey(), e.getValue()));
  }

  int errorCount() {
    return errors.size();
  }

  private String toJson(LoadSummary s) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    summary.put("firstImageMs", s.firstImageMs());
    summary.put("finalMs", s.finalMs());
    summary.put("bytes", s.bytesReceived());
    summary.put("images", s.images());
    summary.put("finalImages", s.finalImages());
    summary.put("errors", errors.size());
    summary.put("cancelled", s.cancelled());
    ObjectNode perStage = summary.putObject("bytesPerStage");
    s.bytesPerStage().forEach(perStage::put);
    ArrayNode list = root.putArray("events");
    for (ImageEvent e : events) {
      list.addObject()
          .put("ms", e.elapsedMs())
          .put("index", e.imageIndex())
          .put("sop", e.image().sopInstanceUid())
          .put("status", e.status().value())
          .put("rows", e.rows())
          .put("columns", e.columns())
          .put("bytes", e.bytesReceived())
          .put("stage", e.stageId())
          .put("source", e.sourceIndex());
    }
    ArrayNode errs = root.putArray("errors");
    for (ErrorEvent e : errors) {
      errs.addObject().put("ms", e.elapsedMs()).put("index", e.imageIndex())
          .put("stage", e.stageId()).put("reason", e.reason()).put("permanent", e.permanent());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
