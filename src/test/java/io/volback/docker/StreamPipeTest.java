package io.volback.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StreamPipeTest {

  @Test
  void carriesMoreBytesThanItsCapacityInOrder() throws Exception {
    StreamPipe pipe = new StreamPipe(1000);
    byte[] data = TarFixtures.randomBytes(1 << 20);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = pipe.source()) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    try (OutputStream out = pipe.sink()) {
      for (int off = 0; off < data.length; off += 777) {
        out.write(data, off, Math.min(777, data.length - off));
      }
    }
    assertThat(MessageDigest.isEqual(read.get(), data)).isTrue();
  }

  @Test
  void abortMakesTheReaderFailInsteadOfSeeingTheEnd() throws Exception {
    StreamPipe pipe = new StreamPipe(100);
    pipe.sink().write(new byte[10]);
    pipe.abort(new IOException("writer broke"));
    pipe.closeSink();

    assertThatThrownBy(() -> pipe.source().readAllBytes()).hasMessageContaining("writer broke");
  }

  @Test
  void closedSourceMakesTheBlockedWriterFail() {
    StreamPipe pipe = new StreamPipe(100);
    CompletableFuture.runAsync(
        () -> {
          try {
            Thread.sleep(100);
          } catch (InterruptedException ignored) {
            // closing now is fine too
          }
          pipe.closeSource();
        });

    assertThatThrownBy(() -> pipe.sink().write(new byte[1000]))
        .isInstanceOf(StreamPipe.ReaderGone.class);
  }
}
