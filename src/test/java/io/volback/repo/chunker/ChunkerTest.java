package io.volback.repo.chunker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final ChunkerParams params = new ChunkerParams(16 << 10, 64 << 10, 256 << 10);
  private final Chunker chunker = new Chunker(GearTable.fromSeed(new byte[] {1, 2, 3}), params);

  private List<byte[]> chunks(byte[] data) throws IOException {
    ChunkReader reader = new ChunkReader(chunker).reset(new ByteArrayInputStream(data));
    List<byte[]> out = new ArrayList<>();
    for (int len = reader.next(); len >= 0; len = reader.next()) {
      out.add(Arrays.copyOfRange(reader.bytes(), reader.offset(), reader.offset() + len));
    }
    return out;
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void chunksConcatenateToInputAndRespectBounds() throws IOException {
    byte[] data = random(8 << 20, 1);
    List<byte[]> chunks = chunks(data);
    int pos = 0;
    for (int i = 0; i < chunks.size(); i++) {
      byte[] c = chunks.get(i);
      assertThat(c.length).isLessThanOrEqualTo(params.maxSize());
      if (i < chunks.size() - 1) {
        assertThat(c.length).isGreaterThan(params.minSize());
      }
      assertThat(java.util.Arrays.equals(c, 0, c.length, data, pos, pos + c.length)).isTrue();
      pos += c.length;
    }
    assertThat(pos).isEqualTo(data.length);
    double avg = (double) data.length / chunks.size();
    assertThat(avg).isBetween(params.avgSize() * 0.5, params.avgSize() * 2.0);
  }

  @Test
  void insertionOnlyChangesNearbyChunks() throws IOException {
    byte[] data = random(4 << 20, 2);
    byte[] shifted = new byte[data.length + 100];
    System.arraycopy(data, 0, shifted, 100, data.length);
    List<String> before = chunks(data).stream().map(java.util.Arrays::toString).toList();
    List<String> after = chunks(shifted).stream().map(java.util.Arrays::toString).toList();
    long shared = after.stream().filter(before::contains).count();
    assertThat(shared).isGreaterThanOrEqualTo(before.size() - 2);
  }

  @Test
  void differentSeedsCutDifferently() throws IOException {
    byte[] data = random(4 << 20, 3);
    Chunker other = new Chunker(GearTable.fromSeed(new byte[] {9}), params);
    ChunkReader r = new ChunkReader(other).reset(new ByteArrayInputStream(data));
    assertThat(r.next()).isNotEqualTo(chunks(data).get(0).length);
  }

  @Test
  void emptyAndTinyInputs() throws IOException {
    assertThat(chunks(new byte[0])).isEmpty();
    assertThat(chunks(new byte[] {42})).hasSize(1);
  }
}
