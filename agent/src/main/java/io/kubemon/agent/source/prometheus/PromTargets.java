package io.kubemon.agent.source.prometheus;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v1/targets?state=active}: how many scrape targets are up, and why others are not. */
public record PromTargets(int up, int down, List<DownTarget> downTargets) {

  public record DownTarget(String job, String instance, String lastError) {}

  public static PromTargets read(JsonReader in) throws IOException {
    int[] counts = new int[2];
    List<DownTarget> down = new ArrayList<>();
    in.beginObject();
    while (in.hasNext()) {
      if (in.nextName().equals("data")) {
        in.beginObject();
        while (in.hasNext()) {
          if (in.nextName().equals("activeTargets")) {
            in.beginArray();
            while (in.hasNext()) {
              readTarget(in, counts, down);
            }
            in.endArray();
          } else {
            in.skipValue();
          }
        }
        in.endObject();
      } else {
        in.skipValue();
      }
    }
    in.endObject();
    return new PromTargets(counts[0], counts[1], List.copyOf(down));
  }

  private static void readTarget(JsonReader in, int[] counts, List<DownTarget> down)
      throws IOException {
    String health = null;
    String lastError = null;
    String job = null;
    String instance = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "health" -> health = in.nextString();
        case "lastError" -> lastError = in.nextString();
        case "labels" -> {
          in.beginObject();
          while (in.hasNext()) {
            String name = in.nextName();
            String value = in.nextString();
            if (name.equals("job")) {
              job = value;
            } else if (name.equals("instance")) {
              instance = value;
            }
          }
          in.endObject();
        }
        default -> in.skipValue();
      }
    }
    in.endObject();
    // "unknown" is a target not scraped yet: neither up nor down.
    if ("up".equals(health)) {
      counts[0]++;
    } else if ("down".equals(health)) {
      counts[1]++;
      down.add(new DownTarget(job, instance, lastError));
    }
  }
}
