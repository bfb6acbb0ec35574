package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.AgentTimeline;
import io.khorosjdbc.emulator.data.BrandPosts;
import io.khorosjdbc.emulator.data.ConversationFactory;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.World;
import java.time.Instant;
import java.util.function.Function;

/** The generators of one synthetic tenant (seed and rows-per-day), shared by all export sources. */
public record SyntheticData(
    World world,
    ConversationFactory conversations,
    AgentTimeline agentStates,
    BrandPosts brandPosts,
    int rowsPerDay) {
  public static SyntheticData of(long seed, int rowsPerDay) {
    World world = new World(seed);
    return new SyntheticData(
        world,
        new ConversationFactory(world, rowsPerDay),
        new AgentTimeline(world, rowsPerDay),
        new BrandPosts(world, rowsPerDay),
        rowsPerDay);
  }

  /** The generator for one column of one row, the same on every run. */
  public Rng rng(String column, long rowKey) {
    return Rng.of(world.seed(), Rng.code(column), rowKey);
  }

  /** Free text for one column of one row, the same on every run. */
  public String text(String column, long rowKey, Function<Rng, String> generator) {
    return generator.apply(rng(column, rowKey));
  }

  /** A timestamp value, or null for "absent" (negative times). */
  public static Instant time(long millis) {
    return millis < 0 ? null : Instant.ofEpochMilli(millis);
  }
}
