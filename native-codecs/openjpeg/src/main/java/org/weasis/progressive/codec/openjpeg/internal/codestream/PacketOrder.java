package org.weasis.progressive.codec.openjpeg.internal.codestream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the packets of one tile in the order its progression puts them in the codestream (T.800
 * B.12), which the packet headers must be read in: position-driven orders are sorted by where each
 * precinct starts on the reference grid.
 */
final class PacketOrder {
  private static final int MAX_PACKETS = 1 << 20;

  private final CodingStyle coding;
  private final TileGeometry geometry;

  private PacketOrder(CodingStyle coding, TileGeometry geometry) {
    this.coding = coding;
    this.geometry = geometry;
  }

  /** Every packet of the tile in codestream order (T.800 B.12). */
  static List<Packet> of(CodingStyle coding, TileGeometry geometry) throws PacketWalker.Unpredictable {
    return new PacketOrder(coding, geometry).packets();
  }

  private List<Packet> packets() throws PacketWalker.Unpredictable {
    int layers = coding.layers();
    List<Packet> precincts = new ArrayList<>();
    long count = 0;
    for (int c = 0; c < geometry.components(); c++) {
      for (int r = 0; r < geometry.resolutions(c); r++) {
        int n = geometry.resolution(c, r).precincts();
        count += (long) n * layers;
        if (count > MAX_PACKETS) {
          throw new PacketWalker.Unpredictable("more than " + MAX_PACKETS + " packets");
        }
        for (int k = 0; k < n; k++) {
          precincts.add(new Packet(0, r, c, k));
        }
      }
    }
    Comparator<Packet> order =
        switch (coding.progression()) {
          case LRCP, RLCP -> Comparator.comparingInt(Packet::resolution)
              .thenComparingInt(Packet::component)
              .thenComparingInt(Packet::precinct);
          case RPCL -> Comparator.comparingInt(Packet::resolution)
              .thenComparingLong(this::y)
              .thenComparingLong(this::x)
              .thenComparingInt(Packet::component);
          case PCRL -> Comparator.comparingLong(this::y)
              .thenComparingLong(this::x)
              .thenComparingInt(Packet::component)
              .thenComparingInt(Packet::resolution);
          case CPRL -> Comparator.comparingInt(Packet::component)
              .thenComparingLong(this::y)
              .thenComparingLong(this::x)
              .thenComparingInt(Packet::resolution);
        };
    if (positional() && !sameSubsampling()) {
      throw new PacketWalker.Unpredictable("components with different subsampling in a position-driven progression");
    }
    precincts.sort(order);
    List<Packet> packets = new ArrayList<>((int) count);
    switch (coding.progression()) {
      case LRCP -> {
        for (int l = 0; l < layers; l++) {
          for (Packet p : precincts) {
            packets.add(p.inLayer(l));
          }
        }
      }
      case RLCP -> {
        int i = 0;
        while (i < precincts.size()) {
          int r = precincts.get(i).resolution();
          int j = i;
          while (j < precincts.size() && precincts.get(j).resolution() == r) {
            j++;
          }
          for (int l = 0; l < layers; l++) {
            for (Packet p : precincts.subList(i, j)) {
              packets.add(p.inLayer(l));
            }
          }
          i = j;
        }
      }
      default -> {
        for (Packet p : precincts) {
          for (int l = 0; l < layers; l++) {
            packets.add(p.inLayer(l));
          }
        }
      }
    }
    return packets;
  }

  private boolean positional() {
    Progression p = coding.progression();
    return p == Progression.RPCL || p == Progression.PCRL || p == Progression.CPRL;
  }

  private boolean sameSubsampling() {
    TileGeometry.Resolution first = geometry.resolution(0, 0);
    for (int c = 1; c < geometry.components(); c++) {
      TileGeometry.Resolution res = geometry.resolution(c, 0);
      if (res.refScaleX() != first.refScaleX() || res.refScaleY() != first.refScaleY()) {
        return false;
      }
    }
    return true;
  }

  private long x(Packet p) {
    TileGeometry.Resolution res = geometry.resolution(p.component(), p.resolution());
    return geometry.precinctX(p.component(), p.resolution(), p.precinct() % res.precinctsAcross());
  }

  private long y(Packet p) {
    TileGeometry.Resolution res = geometry.resolution(p.component(), p.resolution());
    return geometry.precinctY(p.component(), p.resolution(), p.precinct() / res.precinctsAcross());
  }

  /** A packet: which layer, resolution, component and precinct it carries. */
  record Packet(int layer, int resolution, int component, int precinct) {
    Packet inLayer(int l) {
      return new Packet(l, resolution, component, precinct);
    }
  }

}
