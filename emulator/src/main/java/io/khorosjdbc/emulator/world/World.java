package io.khorosjdbc.emulator.world;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fixed part of the synthetic tenant, derived from the seed: teams, work queues, agents, smart
 * views, campaigns and the pool of authors. Everything time-dependent (conversations, agent states,
 * brand posts) is generated elsewhere from these.
 */
public final class World {
  public static final int TEAM_COUNT = 6;
  public static final int QUEUE_COUNT = 8;
  public static final int AGENT_COUNT = 40;
  public static final int AUTHOR_COUNT = 5000;

  private static final String[] TEAM_NAMES = {
    "North West", "Billing", "Escalations", "Social Care EMEA", "Night Shift", "VIP Desk"
  };
  private static final String[] QUEUE_NAMES = {
    "Billing Inbound",
    "Technical Support",
    "Returns & Refunds",
    "Sales Leads",
    "Escalations",
    "Soporte en Español",
    "VIP",
    "General",
  };
  private static final String[] NETWORKS = {
    "twitter", "facebook", "instagram", "whatsapp", "twitter", "facebook", "email", "twitter"
  };
  private static final String[] FIRST_NAMES = {
    "José",
    "Zoë",
    "Søren",
    "Łukasz",
    "Anaïs",
    "Björn",
    "Chloé",
    "Siobhán",
    "Özlem",
    "François",
    "Mei",
    "Aisha",
    "John",
    "Emily",
    "Carlos",
    "Priya",
    "Liam",
    "Olivia",
    "Noah",
    "Hana",
  };
  private static final String[] LAST_NAMES = {
    "Núñez",
    "Müller",
    "Åkesson",
    "Żółkiewski",
    "Dubois",
    "Ng",
    "O'Brien",
    "Smith",
    "García",
    "Yılmaz",
    "Kowalski",
    "Patel",
    "Johnson",
    "Tanaka",
    "Brown",
    "Rossi",
  };
  private static final String[] AUTHOR_FIRST = {
    "sam", "alex", "maría", "jo", "kim", "lee", "andré", "nina", "omar", "yuki", "ines", "max"
  };

  private final long seed;
  private final List<Team> teams = new ArrayList<>();
  private final List<WorkQueue> queues = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final List<SmartView> smartViews = new ArrayList<>();
  private final List<Campaign> campaigns = new ArrayList<>();
  private final List<List<Agent>> members = new ArrayList<>();
  private final List<Agent> experts;

  public World(long seed) {
    this.seed = seed;
    Rng r = Rng.of(seed, Rng.code("world"));
    Set<Long> used = new HashSet<>();
    for (int i = 0; i < TEAM_COUNT; i++) {
      int teamId = (int) unique(r, used, 1000, 9999);
      teams.add(
          new Team(
              i,
              teamId,
              UUID.nameUUIDFromBytes(("team:" + seed + ":" + i).getBytes(StandardCharsets.UTF_8))
                  .toString(),
              TEAM_NAMES[i]));
    }
    for (int i = 0; i < QUEUE_COUNT; i++) {
      queues.add(
          new WorkQueue(
              i,
              Long.toString(unique(r, used, 2, 99)),
              QUEUE_NAMES[i],
              teams.get(i % TEAM_COUNT),
              NETWORKS[i]));
    }
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < AGENT_COUNT; i++) {
      String name =
          FIRST_NAMES[r.nextInt(FIRST_NAMES.length)]
              + " "
              + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
      String handle = handleOf(name);
      String displayId = emails.add(handle) ? handle : handle + (i + 1);
      emails.add(displayId);
      Team team = teams.get(i % TEAM_COUNT);
      WorkQueue home =
          queues.get(
              team.index()
                  + (i % 2 == 1 && team.index() + TEAM_COUNT < QUEUE_COUNT ? TEAM_COUNT : 0));
      String role = i < TEAM_COUNT ? "TEAM_LEAD" : i % 9 == 0 ? "EXPERT" : "AGENT";
      boolean disabled = i >= TEAM_COUNT && r.chance(0.12);
      long created = r.between(1_420_070_400_000L, 1_514_764_800_000L) / 1000 * 1000; // 2015..2017
      Agent a =
          new Agent(
              i,
              Long.toString(unique(r, used, 1_000_000, 9_999_999)),
              name,
              displayId + "@example.com",
              displayId,
              team,
              home,
              role,
              disabled,
              created,
              r.pick("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "tr_TR"));
      agents.add(a);
    }
    List<String> q = queues.stream().map(WorkQueue::id).toList();
    String[] viewNames = {
      "High priority", "Billing and returns", "Urgent tech", "VIP in business hours", "Low priority"
    };
    List<SmartView> views =
        List.of(
            new SmartView(null, null, Set.of(), Set.of(4, 5), null),
            new SmartView(null, null, Set.of(q.get(0), q.get(2)), Set.of(), null),
            new SmartView(null, null, Set.of(q.get(1)), Set.of(3, 4, 5), null),
            new SmartView(null, null, Set.of(q.get(6)), Set.of(), Boolean.TRUE),
            new SmartView(null, null, Set.of(), Set.of(0, 1), null));
    for (int i = 0; i < views.size(); i++) {
      SmartView v = views.get(i);
      smartViews.add(
          new SmartView(
              Long.toString(unique(r, used, 100, 999)),
              viewNames[i],
              v.queueIds(),
              v.priorities(),
              v.businessHours()));
    }
    for (Team t : teams) {
      members.add(agents.stream().filter(a -> a.team().equals(t)).toList());
    }
    experts = agents.stream().filter(a -> a.role().equals("EXPERT")).toList();
    String[] campaignNames = {
      "Spring Sale 2019",
      "Aurora Launch",
      "Back to School",
      "Holiday Cheer",
      "Brand Awareness – Ünïcode",
      "Recruiting"
    };
    for (String name : campaignNames) {
      campaigns.add(new Campaign(Long.toString(unique(r, used, 10_000, 99_999)), name));
    }
  }

  private static long unique(Rng r, Set<Long> used, long lo, long hi) {
    long v;
    do {
      v = r.between(lo, hi);
    } while (!used.add(v));
    return v;
  }

  /** An ASCII login handle from a name: accents stripped, letters only, "first.last". */
  static String handleOf(String name) {
    String ascii =
        Normalizer.normalize(
                name.replace("Ł", "L").replace("ł", "l").replace("ø", "o").replace("ı", "i"),
                Normalizer.Form.NFD)
            .replaceAll("[^\\p{ASCII}]", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").trim().replace(' ', '.');
  }

  public long seed() {
    return seed;
  }

  public List<Team> teams() {
    return teams;
  }

  public List<WorkQueue> queues() {
    return queues;
  }

  public List<Agent> agents() {
    return agents;
  }

  public List<SmartView> smartViews() {
    return smartViews;
  }

  public List<Campaign> campaigns() {
    return campaigns;
  }

  public Optional<SmartView> smartView(String id) {
    return smartViews.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  public List<Agent> members(Team team) {
    return members.get(team.index());
  }

  /** Agents who answer expert-help requests. */
  public List<Agent> experts() {
    return experts;
  }

  /** The author with this pool index; generated on demand, the same every time. */
  public Author author(int index) {
    Rng r = Rng.of(seed, Rng.code("author"), index);
    String first = r.pick(AUTHOR_FIRST);
    String handle =
        "@"
            + Normalizer.normalize(first, Normalizer.Form.NFD).replaceAll("[^a-z]", "")
            + "_"
            + r.between(10, 9999);
    String name =
        Character.toUpperCase(first.charAt(0)) + first.substring(1) + " " + r.pick(LAST_NAMES);
    String emoji = Texts.emoji(handle); // as display names often end with one
    name = emoji.isEmpty() ? name : name + " " + emoji;
    return new Author(
        Long.toString(80_000_000L + index * 13L),
        handle,
        name,
        r.pick(NETWORKS),
        (long) Math.pow(10, r.nextDouble() * 6),
        r.chance(0.05),
        r.between(1_325_376_000_000L, 1_514_764_800_000L) / 1000 * 1000,
        Texts.place(r),
        r.pick("en", "en", "en", "fr", "es", "de", "tr"),
        Texts.bio(r),
        Math.round(r.nextDouble() * 10000) / 100.0);
  }
}
