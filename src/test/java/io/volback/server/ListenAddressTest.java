package io.volback.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void readsHostAndPortInEveryAcceptedForm() {
    assertThat(ListenAddress.parse("--listen", "127.0.0.1:8080"))
        .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(ListenAddress.parse("--listen", "[::1]:9090"))
        .isEqualTo(new InetSocketAddress("::1", 9090));
    assertThat(ListenAddress.parse("--listen", ":8080").getAddress().isAnyLocalAddress()).isTrue();
    assertThat(ListenAddress.parse("--listen", "localhost:0").getPort()).isZero();
  }

  @Test
  void rejectsWhatIsNotHostColonPortNamingTheOption() {
    for (String bad : new String[] {"8080", "host:", "host:http", "host:70000", "::1:80", ""}) {
      assertThatThrownBy(() -> ListenAddress.parse("--listen", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "--listen takes HOST:PORT (as 127.0.0.1:8080 or [::1]:8080), not '" + bad + "'");
    }
  }
}
