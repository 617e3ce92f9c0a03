package io.kubemon.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's command line and its medians; the benchmark itself is run by hand. */
class BenchOptionsTest {
  @Test
  void sizesAndRunsDefaultToIssueSix() {
    Options options = Options.parse(new String[0]);
    assertEquals(List.of(new Size(0, 0), new Size(100, 30), new Size(1000, 30),
        new Size(5000, 30)), options.sizes());
    assertEquals(5, options.runs(new Size(1000, 30)));
    assertEquals(3, options.runs(new Size(5000, 30)));
    assertEquals(2, Options.parse(new String[] {"--runs", "2"}).runs(new Size(5000, 30)));
  }

  @Test
  void aBadValueIsOneLineNamingTheOption() {
    IllegalArgumentException size =
        assertThrows(IllegalArgumentException.class, () -> Size.parse("5000*30"));
    assertEquals("--sizes takes k3s or NODESxPODS_PER_NODE (e.g. 5000x30), got \"5000*30\"",
        size.getMessage());
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
