package io.khorosjdbc.emulator.data;

import io.khorosjdbc.emulator.world.Agent;
import io.khorosjdbc.emulator.world.Author;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.WorkQueue;
import io.khorosjdbc.emulator.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One synthetic conversation and everything that happens in it: its messages, actions, history,
 * optional expert-help request and approvals. All of it is derived from one {@link Rng}, so every
 * export that touches the conversation sees the same facts, and the ids join across exports. Every
 * conversation closes within {@link #MAX_LIFETIME_MILLIS}, which bounds how far back a window has
 * to look for conversations that are still active in it.
 */
public final class Conversation {
  public static final long MAX_LIFETIME_MILLIS = 14L * 24 * 3_600_000L;
  private static final long SECOND = 1000L;
  private static final long HOUR = 3_600_000L;
  private static final String[] TAGS = {
    "billing", "refund", "bug", "vip", "shipping delay", "Ünïcode-tag", "complaint"
  };

  private final World world;
  private final long seq;
  private final long created;
  private final long closed;
  private final int priority;
  private final WorkQueue queue;
  private final Agent agent;
  private final int authorIndex;
  private final long[] messageTimes;
  private final boolean[] inbound;
  private final long[] approvalRequested;
  private final long assignTime;
  private final String[] tags;
  private final long tagTime;
  private final Double csat;
  private final long helpTime;
  private final long helpResolved;
  private final Agent expert;
  private final int extraViews;

  /**
   * Continues the conversation's generator after {@link #lifetime(Rng)} has drawn its close time.
   */
  Conversation(World world, long seq, long created, long closed, Rng r) {
    this.world = world;
    this.seq = seq;
    this.created = created;
    this.closed = closed;
    this.priority = pickPriority(r);
    this.queue = world.queues().get(r.nextInt(world.queues().size()));
    List<Agent> members = world.members(queue.team());
    this.agent = members.get(r.nextInt(members.size()));
    this.authorIndex = r.nextInt(World.AUTHOR_COUNT);
    this.assignTime = Math.min(closed, created + r.between(1, 300) * SECOND);

    int inboundCount = 1;
    while (inboundCount < 8 && r.chance(0.45)) {
      inboundCount++;
    }
    int outboundCount = r.chance(0.1) ? 0 : 1 + r.nextInt(inboundCount + 1);
    int n = inboundCount + outboundCount;
    long[] times = new long[n];
    boolean[] directions = new boolean[n];
    times[0] = created;
    directions[0] = true;
    for (int i = 1; i < n; i++) {
      times[i] = secondsBetween(r, created + SECOND, closed);
      directions[i] = i < inboundCount;
    }
    shuffleTail(r, directions);
    sortTogether(times, directions);
    this.messageTimes = times;
    this.inbound = directions;
    this.approvalRequested = new long[n];
    for (int i = 0; i < n; i++) {
      approvalRequested[i] =
          !directions[i] && r.chance(0.2)
              ? Math.max(created, times[i] - r.between(1, 1800) * SECOND)
              : -1;
    }

    this.tags = r.chance(0.5) ? pickTags(r) : new String[0];
    this.tagTime = secondsBetween(r, created, closed);
    this.csat = r.chance(0.3) ? (double) (1 + r.nextInt(5)) : null;
    boolean help = r.chance(0.12);
    this.helpTime = help ? secondsBetween(r, created, closed) : -1;
    this.helpResolved = help ? Math.min(closed, helpTime + r.between(300, 6 * 3600) * SECOND) : -1;
    List<Agent> experts = world.experts();
    this.expert = help ? experts.get(r.nextInt(experts.size())) : null;
    // A few conversations are viewed so often that their history exceeds the 500-entry cap.
    this.extraViews = r.chance(0.003) ? (int) r.between(600, 2400) : 0;
  }

  /**
   * Mostly hours, sometimes days, never more than 14 days; the first draw of a conversation's
   * generator.
   */
  static long lifetime(Rng r) {
    double u = r.nextDouble();
    long millis;
    if (u < 0.6) {
      millis = (long) (-Math.log(1 - r.nextDouble()) * 3 * HOUR);
    } else if (u < 0.9) {
      millis = r.between(4 * HOUR, 72 * HOUR);
    } else {
      millis = r.between(72 * HOUR, MAX_LIFETIME_MILLIS);
    }
    return Math.max(60 * SECOND, Math.min(MAX_LIFETIME_MILLIS, millis / SECOND * SECOND));
  }

  private static int pickPriority(Rng r) {
    double u = r.nextDouble();
    return u < 0.25 ? 0 : u < 0.5 ? 1 : u < 0.7 ? 2 : u < 0.85 ? 3 : u < 0.95 ? 4 : 5;
  }

  private static String[] pickTags(Rng r) {
    int count = 1 + r.nextInt(3);
    return Arrays.stream(TAGS)
        .filter(t -> r.chance(count / (double) TAGS.length))
        .toArray(String[]::new);
  }

  private static long secondsBetween(Rng r, long from, long to) {
    return r.between(from / SECOND, Math.max(from / SECOND, to / SECOND) + 1) * SECOND;
  }

  /**
   * Shuffles directions[1..] so inbound and outbound messages interleave; the first stays inbound.
   */
  private static void shuffleTail(Rng r, boolean[] a) {
    for (int i = a.length - 1; i > 1; i--) {
      int j = 1 + r.nextInt(i);
      boolean t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void sortTogether(long[] times, boolean[] directions) {
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
    long[] t = times.clone();
    boolean[] d = directions.clone();
    for (int i = 0; i < order.length; i++) {
      times[i] = t[order[i]];
      directions[i] = d[order[i]];
    }
  }

  public long seq() {
    return seq;
  }

  public String id() {
    return Long.toString(seq);
  }

  public long created() {
    return created;
  }

  public long closed() {
    return closed;
  }

  public int priority() {
    return priority;
  }

  public WorkQueue queue() {
    return queue;
  }

  public Agent agent() {
    return agent;
  }

  public Author author() {
    return world.author(authorIndex);
  }

  public String network() {
    return queue.network();
  }

  public String[] tags() {
    return tags.clone();
  }

  public Double csat() {
    return csat;
  }

  /** All messages in time order. */
  public List<Message> messages() {
    List<Message> out = new ArrayList<>(messageTimes.length);
    long previousInbound = created;
    boolean responded = false;
    for (int i = 0; i < messageTimes.length; i++) {
      boolean first = !inbound[i] && !responded;
      responded |= !inbound[i];
      out.add(
          new Message(
              this, i, messageTimes[i], inbound[i], previousInbound, first, approvalRequested[i]));
      if (inbound[i]) {
        previousInbound = messageTimes[i];
      }
    }
    return out;
  }

  public HelpRequest helpRequest() {
    return helpTime < 0 ? null : new HelpRequest(this, helpTime, helpResolved, expert);
  }

  /** The conversation_actions rows in time order. */
  public List<Action> actions() {
    List<long[]> raw =
        new ArrayList<>(); // {time, kind, messageIndex}; kind 0 CREATE 1 ASSIGN 2 RESPOND 3 TAG 4
    // CLOSE
    raw.add(new long[] {created, 0, -1});
    raw.add(new long[] {assignTime, 1, -1});
    for (int i = 0; i < messageTimes.length; i++) {
      if (!inbound[i]) {
        raw.add(new long[] {messageTimes[i], 2, i});
      }
    }
    if (tags.length > 0) {
      raw.add(new long[] {tagTime, 3, -1});
    }
    raw.add(new long[] {closed, 4, -1});
    raw.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1] == 4 ? 1 : 0));
    String[] names = {"CREATE", "ASSIGN", "RESPOND", "TAG", "CLOSE"};
    List<Action> out = new ArrayList<>(raw.size());
    long previous = -1;
    for (int i = 0; i < raw.size(); i++) {
      long[] a = raw.get(i);
      Agent actor = a[1] == 0 ? null : agent;
      out.add(new Action(this, i, names[(int) a[1]], a[0], actor, previous));
      previous = a[0];
    }
    return out;
  }

  /**
   * The history entries in time order, at most {@code limit} of them (the export's per-conversation
   * cap).
   */
  public List<HistoryEntry> history(int limit) {
    List<Object[]> raw = new ArrayList<>(); // {time, type, actor, old, new}
    raw.add(new Object[] {created, "STATUS_CHANGED", null, "", "OPEN"});
    raw.add(new Object[] {created, "PRIORITY_SET", null, "", Integer.toString(priority)});
    raw.add(new Object[] {assignTime, "OWNER_CHANGED", null, "", agent.name()});
    for (int i = 0; i < messageTimes.length; i++) {
      raw.add(
          new Object[] {
            messageTimes[i],
            inbound[i] ? "MESSAGE_RECEIVED" : "MESSAGE_SENT",
            inbound[i] ? null : agent,
            "",
            ""
          });
    }
    if (tags.length > 0) {
      raw.add(new Object[] {tagTime, "TAG_ADDED", agent, "", String.join(",", tags)});
    }
    if (helpTime >= 0) {
      raw.add(new Object[] {helpTime, "NOTE_ADDED", agent, "", ""});
    }
    Rng views = Rng.of(world.seed(), Rng.code("views"), seq);
    for (int i = 0; i < extraViews; i++) {
      raw.add(new Object[] {secondsBetween(views, created, closed), "VIEWED", agent, "", ""});
    }
    raw.add(new Object[] {closed, "STATUS_CHANGED", agent, "OPEN", "CLOSED"});
    raw.sort(
        Comparator.comparingLong(a -> (Long) a[0])); // stable: equal times keep construction order
    List<HistoryEntry> out = new ArrayList<>(Math.min(limit, raw.size()));
    for (int i = 0; i < raw.size() && i < limit; i++) {
      Object[] a = raw.get(i);
      out.add(
          new HistoryEntry(
              this, i + 1, (String) a[1], (Long) a[0], (Agent) a[2], (String) a[3], (String) a[4]));
    }
    return out;
  }
}
