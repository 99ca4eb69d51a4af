package io.volback.maintenance;

import io.volback.repo.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ReadDataSelection says which packs a check reads and verifies blob by blob: none, all, a random
 * share ("N%", from a seed that is reported so a run can be repeated) or the n-th of m slices
 * ("n/m", as restic: the packs whose id's first byte modulo m is n - 1, so the m slices together
 * read every pack exactly once).
 */
public sealed interface ReadDataSelection {
  /** The most slices: a pack id's first byte decides its slice. */
  int MAX_SLICES = 256;

  ReadDataSelection NONE = new None();
  ReadDataSelection ALL = new All();

  /** The packs of packs this selection reads, in the order given; id gives a pack's id. */
  <T> List<T> select(List<T> packs, Function<T, Id> id);

  /** What the selection reads, for the summary: "none", "all", "5% (seed 42)", "1/3". */
  String describe();

  /**
   * Parses the value of --read-data-subset: "N%" (0 < N <= 100, decimals allowed) or "n/m" (1 <= n
   * <= m <= 256). seed (null: a random one) orders the packs of a share.
   */
  static ReadDataSelection parse(String spec, Long seed) {
    Matcher share = Pattern.compile("(\\d+(?:\\.\\d+)?)%").matcher(spec.strip());
    if (share.matches()) {
      double percent = Double.parseDouble(share.group(1));
      if (percent <= 0 || percent > 100) {
        throw new IllegalArgumentException(
            "--read-data-subset " + spec + ": the share must be above 0% and at most 100%");
      }
      return new Share(percent, seed != null ? seed : new Random().nextLong());
    }
    Matcher slice = Pattern.compile("(\\d{1,3})/(\\d{1,3})").matcher(spec.strip());
    if (slice.matches()) {
      int n = Integer.parseInt(slice.group(1));
      int m = Integer.parseInt(slice.group(2));
      if (n < 1 || n > m || m > MAX_SLICES) {
        throw new IllegalArgumentException(
            "--read-data-subset "
                + spec
                + ": n/m needs 1 <= n <= m <= "
                + MAX_SLICES
                + " (the n-th of m slices)");
      }
      return new Slice(n, m);
    }
    throw new IllegalArgumentException(
        "--read-data-subset " + spec + ": expected a share such as 10% or a slice such as 1/5");
  }

  /** None reads no pack: structure checks only. */
  record None() implements ReadDataSelection {
    @Override
    public <T> List<T> select(List<T> packs, Function<T, Id> id) {
      return List.of();
    }

    @Override
    public String describe() {
      return "none";
    }
  }

  /** All reads every pack. */
  record All() implements ReadDataSelection {
    @Override
    public <T> List<T> select(List<T> packs, Function<T, Id> id) {
      return packs;
    }

    @Override
    public String describe() {
      return "all";
    }
  }

  /** Share reads a random percent of the packs (at least one), drawn from seed. */
  record Share(double percent, long seed) implements ReadDataSelection {
    @Override
    public <T> List<T> select(List<T> packs, Function<T, Id> id) {
      // By id first: the same seed draws the same packs whatever order the store lists in.
      List<T> shuffled = new ArrayList<>(packs);
      shuffled.sort(Comparator.comparing(id));
      Collections.shuffle(shuffled, new Random(seed));
      int count = (int) Math.ceil(packs.size() * percent / 100);
      return shuffled.subList(0, Math.min(packs.size(), Math.max(count, packs.isEmpty() ? 0 : 1)));
    }

    @Override
    public String describe() {
      return String.format(java.util.Locale.ROOT, "%s%% (seed %d)", format(percent), seed);
    }

    private static String format(double p) {
      return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
  }

  /** Slice reads the packs whose id's first byte modulo m is n - 1. */
  record Slice(int n, int m) implements ReadDataSelection {
    @Override
    public <T> List<T> select(List<T> packs, Function<T, Id> id) {
      return packs.stream().filter(p -> (int) (id.apply(p).a() >>> 56) % m == n - 1).toList();
    }

    @Override
    public String describe() {
      return n + "/" + m;
    }
  }
}
