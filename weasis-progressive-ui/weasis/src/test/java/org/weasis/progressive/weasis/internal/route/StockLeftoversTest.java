package org.weasis.progressive.weasis.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StockLeftoversTest {
  @Test
  void ofTwoCopiesOfAnInstanceTheStockOneGoesWhicheverCameFirst() {
    assertEquals(List.of("stock"), StockLeftovers.surplus(List.of("stock", "ours"), "ours"::equals));
    assertEquals(List.of("stock"), StockLeftovers.surplus(List.of("ours", "stock"), "ours"::equals));
  }

  @Test
  void withoutACopyOfOursAllButTheFirstGo() {
    assertEquals(List.of("b", "c"), StockLeftovers.surplus(List.of("a", "b", "c"), "ours"::equals));
  }

  @Test
  void aSingleCopyStays() {
    assertEquals(List.of(), StockLeftovers.surplus(List.of("ours"), "ours"::equals));
    assertEquals(List.of(), StockLeftovers.surplus(List.of("stock"), "ours"::equals));
  }
}
