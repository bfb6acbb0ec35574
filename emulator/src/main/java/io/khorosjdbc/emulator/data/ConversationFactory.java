package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.BusinessHours;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates the conversations of any UTC hour, independently of every other hour: the hour's key
 * gives how many start in it and when, and each conversation's own key gives the rest. Conversation
 * ids are {@code hour * 1,000,000 + k}, so they are unique and sort by creation.
 */
public final class ConversationFactory {
  static final long HOUR = 3_600_000L;

  /**
   * About this many conversation_actions rows come out of one conversation; it turns rows-per-day
   * into conversations.
   */
  private static final double ACTIONS_PER_CONVERSATION = 5.0;

  private final World world;
  private final double perHour;

  public ConversationFactory(World world, int rowsPerDay) {
    this.world = world;
    this.perHour = rowsPerDay / ACTIONS_PER_CONVERSATION / 24.0;
  }

  public World world() {
    return world;
  }

  /** The conversations created in this epoch hour, in creation order. */
  public List<Conversation> createdInHour(long hour) {
    return createdInHour(hour, Long.MIN_VALUE);
  }

  /**
   * The conversations created in this epoch hour that are still active at {@code activeFrom}; the
   * others are skipped after drawing only their lifetime, which keeps the 14-day look-back cheap.
   */
  public List<Conversation> createdInHour(long hour, long activeFrom) {
    Rng r = Rng.of(world.seed(), Rng.code("conversations"), hour);
    int n = r.count(perHour * BusinessHours.activity(hour) * (0.8 + 0.4 * r.nextDouble()));
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = r.between(0, 3600) * 1000L;
    }
    Arrays.sort(offsets);
    List<Conversation> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      long seq = hour * 1_000_000L + k;
      long created = hour * HOUR + offsets[k];
      Rng c = Rng.of(world.seed(), Rng.code("conversation"), seq);
      long closed = created + Conversation.lifetime(c);
      if (closed >= activeFrom) {
        out.add(new Conversation(world, seq, created, closed, c));
      }
    }
    return out;
  }

  /**
   * Every conversation that may have activity in [from, to]: those created from 14 days before
   * {@code from} up to {@code to}.
   */
  public void forEachActive(long from, long to, Consumer<Conversation> action) {
    for (long h = firstHour(from); h <= Math.floorDiv(to, HOUR); h++) {
      createdInHour(h, from).forEach(action);
    }
  }

  static long firstHour(long from) {
    return Math.floorDiv(from - Conversation.MAX_LIFETIME_MILLIS, HOUR);
  }
}
