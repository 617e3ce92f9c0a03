package io.kubemon.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's command line and its medians; the benchmark itself is run by hand. */
class BenchOptionsTest {
  @Test
  void sizesAndRunsDefaultToIssueSixteensTable() {
    Options options = Options.parse(new String[0]);
    assertEquals(List.of(new Size(0, 0, null), new Size(1000, 30, "none"),
        new Size(1000, 30, null), new Size(5000, 30, null)), options.sizes());
    assertEquals(7, options.runs(new Size(0, 0, null)));
    assertEquals(5, options.runs(new Size(1000, 30, "none")));
    assertEquals(3, options.runs(new Size(5000, 30, null)));
    assertEquals(2, Options.parse(new String[] {"--runs", "2"}).runs(new Size(5000, 30, null)));
    assertEquals("1000x30:none", Size.parse("1000x30:none").toString());
  }

  @Test
  void aBadValueIsOneLineNamingTheOption() {
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> Size.parse("5000*30"));
    assertEquals("--sizes takes k3s or NODESxPODS_PER_NODE (e.g. 5000x30), each optionally with"
        + " :USAGE_SOURCES (e.g. 1000x30:none), got \"5000*30\"", size.getMessage());
    IllegalArgumentException runs = assertThrows(IllegalArgumentException.class,
        () -> Options.parse(new String[] {"--runs", "0"}));
    assertEquals("--runs must be a whole number above 0, got \"0\"", runs.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--runs"}));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(3.0, Summary.median(List.of(9.0, 1.0, 3.0), Double::doubleValue));
    assertEquals(2.5, Summary.median(List.of(4.0, 1.0, 2.0, 3.0), Double::doubleValue));
  }
}
