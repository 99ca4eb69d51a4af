package io.volback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.volback.testsupport.MemoryStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingStoreTest {

  @Test
  void forwardingStoreOverridesEveryObjectStoreMethodDefaultsIncluded() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Method m : ObjectStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method own = ForwardingStore.class.getMethod(m.getName(), m.getParameterTypes());
      if (own.getDeclaringClass() != ForwardingStore.class) {
        missing.add(m.toString());
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void anEmptyForwardingStoreBehavesAsTheStoreItWraps() throws Exception {
    MemoryStore inner = new MemoryStore();
    ObjectStore store = new ForwardingStore(inner) {};

    store.put("data/ab/one", new byte[] {1, 2, 3});

    assertThat(store.putIfAbsent("data/ab/one", new byte[] {9})).isFalse();
    assertThat(store.getRange("data/ab/one", 1, 2)).containsExactly(2, 3);
    assertThat(inner.stat("data/ab/one").orElseThrow().size()).isEqualTo(3);
    assertThat(store.location()).isEqualTo(inner.location());
    store.delete("data/ab/one");
    assertThat(store.isEmpty()).isTrue();
  }
}
