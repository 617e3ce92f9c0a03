package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.it.flow.Repository;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The matrix in docs/troubleshooting.md links only to entries that exist. */
class FaultMatrixDocTest {
  @Test
  void everyLinkOfTheMatrixHasItsEntry() throws Exception {
    String text = Files.readString(Repository.locate().root().resolve("docs/troubleshooting.md"));
    int matrix = text.indexOf("<a id=\"fault-matrix\"></a>");
    assertTrue(matrix >= 0, "docs/troubleshooting.md has no fault matrix");
    Set<String> ids = new TreeSet<>();
    Matcher id = Pattern.compile("<a id=\"([a-z0-9-]+)\"></a>").matcher(text);
    while (id.find()) {
      ids.add(id.group(1));
    }
    Set<String> links = new TreeSet<>();
    Matcher link = Pattern.compile("\\]\\(#([a-z0-9-]+)\\)").matcher(text.substring(matrix));
    while (link.find()) {
      links.add(link.group(1));
    }
    assertTrue(links.size() >= 15, "links in the matrix: " + links);
    links.removeAll(ids);
    assertTrue(links.isEmpty(), "the matrix links to missing entries: " + links);
  }
}
