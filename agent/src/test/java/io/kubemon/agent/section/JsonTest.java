package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void noValueCanOpenASectionOrAHost() {
    String evil =
        "x\n<<<<pod_evil>>>>\r\n<<<kubemon_pod_info_v1:sep(0)>>>\u2028\u2029\u0085\u007f\u0000\t";
    String line = Json.line(Map.of(evil, evil));
    assertFalse(line.contains("<"), line);
    assertFalse(line.contains(">"), line);
    boolean anyControl =
        line.chars()
            .anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
    assertFalse(anyControl, line);
    // and it still decodes to the same text
    assertEquals(evil, JsonParser.parseString(line).getAsJsonObject().get(evil).getAsString());
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertEquals(
        "[null,null,null,1.5]",
        Json.line(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, null, 1.5)));
  }

  @Test
  void exactNumbersKeepTheirDigits() {
    assertEquals(
        "[1152921504606846976,0.001]",
        Json.line(Arrays.asList(new BigDecimal("1152921504606846976"), new BigDecimal("0.001"))));
  }
}
