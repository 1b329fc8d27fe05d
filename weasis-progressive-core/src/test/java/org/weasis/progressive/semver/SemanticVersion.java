package org.weasis.progressive.semver;

/** An OSGi package version without qualifier: major.minor.micro. */
record SemanticVersion(int major, int minor, int micro) implements Comparable<SemanticVersion> {

  static SemanticVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    if (parts.length < 1 || parts.length > 3) {
      throw new IllegalArgumentException("not a major.minor.micro version: " + text);
    }
    int[] numbers = new int[3];
    for (int i = 0; i < parts.length; i++) {
      numbers[i] = Integer.parseInt(parts[i]);
    }
    return new SemanticVersion(numbers[0], numbers[1], numbers[2]);
  }

  /** The lowest version above this one that a change of {@code level} allows. */
  SemanticVersion next(Change level) {
    return switch (level) {
      case MAJOR -> new SemanticVersion(major + 1, 0, 0);
      case MINOR -> new SemanticVersion(major, minor + 1, 0);
      case NONE -> this;
    };
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    return c != 0 ? c : Integer.compare(micro, other.micro);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + micro;
  }

  /** How much a signature change breaks: what semantic versioning makes each require. */
  enum Change {
    NONE,
    /** Additions that existing users of the package do not see. */
    MINOR,
    /** A removal or changed signature, or a method every implementer of a consumer type must add. */
    MAJOR
  }
}
