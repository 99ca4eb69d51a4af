package io.volback.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileRunHistory keeps the run history of a single instance as JSON lines (snake_case,
 * docs/json.md) in run-history.jsonl under the state directory. Once the file holds twice the limit
 * it is rewritten with the newest limit records, so it stays bounded without rewriting on every
 * append.
 */
public final class FileRunHistory implements RunHistory {
  private static final Logger log = LoggerFactory.getLogger(FileRunHistory.class);
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final int limit;
  private int lines = -1;

  public FileRunHistory(Path stateDir, int limit) throws IOException {
    Files.createDirectories(stateDir);
    this.file = stateDir.resolve("run-history.jsonl");
    this.limit = limit;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void append(RunRecord record) throws IOException {
    if (lines < 0) {
      lines = readAll().size();
    }
    String line = JSON.writeValueAsString(record) + "\n";
    Files.writeString(
        file,
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
    if (++lines >= 2 * limit) {
      trim();
    }
  }

  @Override
  public synchronized List<RunRecord> recent(int max) throws IOException {
    List<RunRecord> all = readAll();
    Collections.reverse(all);
    return List.copyOf(all.subList(0, Math.min(max, all.size())));
  }

  @Override
  public synchronized Optional<RunRecord> lastOf(String jobId) throws IOException {
    return recent(Integer.MAX_VALUE).stream().filter(r -> r.jobId().equals(jobId)).findFirst();
  }

  private void trim() throws IOException {
    List<RunRecord> all = readAll();
    List<RunRecord> kept = all.subList(Math.max(0, all.size() - limit), all.size());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringBuilder text = new StringBuilder();
    for (RunRecord r : kept) {
      text.append(JSON.writeValueAsString(r)).append('\n');
    }
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    lines = kept.size();
  }

  private List<RunRecord> readAll() throws IOException {
    List<RunRecord> records = new ArrayList<>();
    if (!Files.exists(file)) {
      return records;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        records.add(JSON.readValue(line, RunRecord.class));
      } catch (IOException e) {
        // A line cut short by a crash mid-append: the records around it still count.
        log.warn("skipping an unreadable line of {}: {}", file, e.getMessage());
      }
    }
    return records;
  }
}
