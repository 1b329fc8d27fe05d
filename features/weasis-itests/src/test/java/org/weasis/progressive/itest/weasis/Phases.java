package org.weasis.progressive.itest.weasis;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of our side went, one line per phase, from the binding's {@code progressive timing} lines
 * (ms from {@code progressive:rs}) and the probe's lines: the command's dispatch after {@code probe:timing}
 * (from the log's time stamps, the two counters start on different calls), the study's queries and Weasis'
 * model, each series' steps up to its first version handed over and its end, where the hand-over time went,
 * and from the first version handed over to the first image shown.
 */
final class Phases {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss.SSS");
  private static final Pattern STAMPED = Pattern.compile("^(\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
  private static final Pattern PROBE_START = Pattern.compile("probe timing study=\\S+ warm-ups running=\\[(.*)]");
  private static final String OPEN = "progressive open study=";
  private static final Pattern STUDY = Pattern.compile("progressive timing study=\\S+ (.*)");
  private static final Pattern SERIES =
      Pattern.compile("progressive timing series=\\S+?\\.(\\d+) (.*?) hand-over versions=(\\d+) sum=(\\S+) first=(\\S+) last=(\\S+)");
  private static final Pattern VIEWER = Pattern.compile("probe viewer study=\\S+ ms=(\\d+)");
  private static final Pattern IMAGE = Pattern.compile("progressive image series=\\S+ .* ms=(\\d+)");

  private Phases() {}

  /** The phase lines of our side; {@code probeShownMs} is the probe's first image shown (ms from its start). */
  static List<String> of(List<String> lines, long probeShownMs) {
    List<String> out = new ArrayList<>();
    long dispatch = dispatchMs(lines);
    String warmUps = lines.stream().map(PROBE_START::matcher).filter(Matcher::find).map(m -> m.group(1))
        .findFirst().orElse("?");
    out.add(String.format(Locale.ROOT, "  probe:timing -> progressive:rs called      %6d ms (log time stamps);"
        + " our warm-ups still running then: [%s]", dispatch, warmUps));
    for (String line : lines) {
      Matcher m = STUDY.matcher(line);
      if (m.find()) {
        out.add("  study (ms from the command)               " + m.group(1));
      }
    }
    for (String line : lines) {
      Matcher m = SERIES.matcher(line);
      if (m.find()) {
        out.add("  series " + m.group(1) + " steps (ms)                   " + m.group(2));
        out.add("  series " + m.group(1) + " hand-over of " + m.group(3) + " versions (ms), sum " + m.group(4));
        out.add("  series " + m.group(1) + " hand-over of its first version      " + m.group(5));
        out.add("  series " + m.group(1) + " hand-over of its last version       " + m.group(6));
      }
    }
    long firstHanded = lines.stream().map(IMAGE::matcher).filter(Matcher::find)
        .mapToLong(m -> Long.parseLong(m.group(1))).min().orElse(-1);
    long viewer = lines.stream().map(VIEWER::matcher).filter(Matcher::find)
        .mapToLong(m -> Long.parseLong(m.group(1))).findFirst().orElse(-1);
    if (viewer >= 0 && dispatch >= 0) {
      out.add(String.format(Locale.ROOT, "  Weasis' viewer holds a series of the study   %6d ms from the command",
          viewer - dispatch));
    }
    if (firstHanded >= 0 && dispatch >= 0 && probeShownMs >= 0) {
      out.add(String.format(Locale.ROOT, "  first version handed over -> first image shown %6d ms (first shown %d ms"
          + " from the command)", probeShownMs - dispatch - firstHanded, probeShownMs - dispatch));
    }
    return out;
  }

  /** Stock's one phase the probe sees: when Weasis' viewer holds a series of the study. */
  static List<String> stock(List<String> lines) {
    return lines.stream().map(VIEWER::matcher).filter(Matcher::find).findFirst()
        .map(m -> List.of(String.format(Locale.ROOT, "  Weasis' viewer holds a series of the study   %6s ms from"
            + " probe:timing", m.group(1))))
        .orElse(List.of());
  }

  /** From the probe's start to our command's, by the log's time stamps (ms resolution); -1 when absent. */
  private static long dispatchMs(List<String> lines) {
    LocalDateTime probe = null;
    LocalDateTime open = null;
    for (String line : lines) {
      if (probe == null && PROBE_START.matcher(line).find()) {
        probe = stamp(line);
      } else if (open == null && line.contains(OPEN)) {
        open = stamp(line);
      }
      if (probe != null && open != null) {
        break;
      }
    }
    return probe == null || open == null ? -1 : ChronoUnit.MILLIS.between(probe, open);
  }

  /** The line's time stamp; a line without one (a continuation) counts as not found. */
  private static LocalDateTime stamp(String line) {
    Matcher m = STAMPED.matcher(line);
    return m.find() ? LocalDateTime.parse(m.group(1), STAMP) : null;
  }
}
