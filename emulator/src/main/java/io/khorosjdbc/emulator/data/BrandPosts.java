package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Generates the brand posts of any UTC hour, independently of other hours. */
public final class BrandPosts {
  /** Brand posts per day are about this share of rows-per-day. */
  private static final double SHARE_OF_ROWS = 0.05;

  private final World world;
  private final double perHour;

  public BrandPosts(World world, int rowsPerDay) {
    this.world = world;
    this.perHour = rowsPerDay * SHARE_OF_ROWS / 24.0;
  }

  public List<BrandPost> inHour(long hour) {
    Rng r = Rng.of(world.seed(), Rng.code("brand-posts"), hour);
    int n = r.count(perHour * BusinessHours.activity(hour));
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = r.between(0, 3600) * 1000L;
    }
    Arrays.sort(offsets);
    List<BrandPost> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      long time = hour * ConversationFactory.HOUR + offsets[k];
      long key = hour * 1000 + k;
      Rng p = Rng.of(world.seed(), Rng.code("brand-post"), key);
      long impressions = (long) Math.pow(10, 2 + p.nextDouble() * 4);
      long likes = (long) (impressions * p.nextDouble() * 0.05);
      out.add(
          new BrandPost(
              time,
              key,
              p.pick(world.campaigns()),
              p.pick("twitter", "facebook", "instagram", "linkedin"),
              p.chance(0.3),
              impressions,
              likes,
              likes / (2 + p.nextInt(8)),
              likes / (3 + p.nextInt(10)),
              (long) (impressions * p.nextDouble() * 0.02),
              time - p.between(600, 7 * 24 * 3600) * 1000L));
    }
    return out;
  }
}
