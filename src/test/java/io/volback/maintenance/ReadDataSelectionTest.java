package io.volback.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.volback.repo.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadDataSelectionTest {
  private static final Function<Id, Id> SELF = id -> id;

  private static List<Id> packs(int n) {
    Random random = new Random(5);
    List<Id> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      out.add(Id.of(b));
    }
    return out;
  }

  @Test
  void slicesOneToMTogetherSelectEveryPackExactlyOnce() {
    List<Id> packs = packs(1000);
    for (int m : new int[] {1, 2, 3, 7, 256}) {
      List<Id> all = new ArrayList<>();
      for (int n = 1; n <= m; n++) {
        all.addAll(ReadDataSelection.parse(n + "/" + m, null).select(packs, SELF));
      }
      assertThat(all).as("m=" + m).hasSize(packs.size()).containsExactlyInAnyOrderElementsOf(packs);
    }
  }

  @Test
  void sliceDependsOnTheFirstByteOfThePackIdAsRestic() {
    Id first = Id.parse("03" + "0".repeat(62));
    assertThat(ReadDataSelection.parse("4/5", null).select(List.of(first), SELF))
        .containsExactly(first);
    assertThat(ReadDataSelection.parse("1/5", null).select(List.of(first), SELF)).isEmpty();
  }

  @Test
  void shareDrawsTheSamePacksFromTheSameSeedInAnyListingOrder() {
    List<Id> packs = packs(200);
    List<Id> reversed = new ArrayList<>(packs);
    java.util.Collections.reverse(reversed);
    ReadDataSelection tenPercent = ReadDataSelection.parse("10%", 42L);
    List<Id> a = tenPercent.select(packs, SELF);
    assertThat(a).hasSize(20);
    assertThat(tenPercent.select(reversed, SELF)).isEqualTo(a);
    assertThat(ReadDataSelection.parse("10%", 43L).select(packs, SELF)).isNotEqualTo(a);
    assertThat(tenPercent.describe()).isEqualTo("10% (seed 42)");
  }

  @Test
  void shareReadsAtLeastOnePack() {
    assertThat(ReadDataSelection.parse("0.1%", 1L).select(packs(3), SELF)).hasSize(1);
    assertThat(ReadDataSelection.parse("100%", 1L).select(packs(3), SELF)).hasSize(3);
  }

  @Test
  void malformedSubsetsAreRejectedNamingTheOption() {
    for (String bad : new String[] {"0%", "101%", "0/2", "3/2", "1/257", "half", "1/0"}) {
      assertThatThrownBy(() -> ReadDataSelection.parse(bad, null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--read-data-subset " + bad);
    }
  }
}
