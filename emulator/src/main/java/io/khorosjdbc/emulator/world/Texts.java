package io.khorosjdbc.emulator.world;

/**
 * Deterministic free text for message, note and bio columns. The fragments deliberately contain
 * commas, double quotes, newlines and non-ASCII characters so that CSV quoting and UTF-8 handling
 * get exercised, and about one message or brand post in three ends with a character outside the
 * Basic Multilingual Plane ({@link #emoji}), so that string functions meet surrogate pairs.
 */
public final class Texts {
  private static final String[] OPENERS = {
    "Hi @brand,",
    "Hello team,",
    "Hey!",
    "Bonjour,",
    "Hola,",
    "Guten Tag,",
    "Good morning,",
    "Hi there —",
  };
  private static final String[] COMPLAINTS = {
    "my order #%d hasn't arrived yet", "the app crashes when I open \"Settings\"",
        "I was charged twice, again",
    "la livraison est en retard, c'est inadmissible", "¿dónde está mi reembolso?",
        "die Rechnung ist falsch",
    "I can't log in since the update", "the café's Wi-Fi voucher doesn't work",
        "my parcel shows \"delivered\", but it isn't here",
    "your chatbot keeps saying \"I don't understand\"",
  };
  private static final String[] CLOSERS = {
    "Thanks.",
    "Please help!",
    "Any update?",
    "Merci d'avance.",
    "Danke, Jürgen",
    "Regards,\nZoë",
    "🙏",
    "Cheers, Søren",
  };
  private static final String[] REPLIES = {
    "Thanks for reaching out, %s. Could you DM us your order number?",
    "Sorry about that, %s! We've escalated it.",
    "Hi %s, we've issued a refund; it can take 3–5 days.",
    "We're on it, %s — a fix ships \"very soon\".",
    "Merci %s, nous regardons cela.",
    "Hola %s, ya lo hemos solucionado.",
    "Hi %s,\nplease try again now, it should work.",
  };
  private static final String[] NOTES = {
    "Customer is a VIP, handle with care", "Needs billing, please check invoice %d",
        "Possible duplicate of %d",
    "Asked expert: \"is this covered by warranty?\"", "Escalated, see notes,\nthen close",
        "Kundin spricht nur Deutsch",
  };
  private static final String[] PLACES = {
    "Chicago, IL",
    "Paris, France",
    "São Paulo",
    "München",
    "Zürich, CH",
    "Kraków",
    "Reykjavík",
    "Dublin, Ireland",
    "",
    "Toronto, \"the 6ix\"",
  };
  private static final String[] BIO_PARTS = {
    "Coffee lover",
    "dad of 2",
    "views are my own",
    "runner, reader, \"tech enthusiast\"",
    "Ünïcode fan ✓",
    "she/her",
    "Travelling,\nalways",
    "CEO @ somewhere",
    "🎧 music",
  };
  private static final String[] BRAND_POSTS = {
    "Spring sale: 20%% off everything, today only!",
    "New in: the \"Aurora\" collection 🌅",
    "We're hiring, join us!",
    "Customer story #%d: how Zoë saved 3 hours a week",
    "Merci, Paris! See you next year.\nThanks, everyone.",
    "Tips & tricks, part %d",
    "Dates, times, and places: see the link",
  };

  /**
   * Characters outside the Basic Multilingual Plane, two UTF-16 units each: emoji, one of them
   * (👍🏽) two code points (a thumb and a skin tone), and a CJK extension B ideograph.
   */
  private static final String[] BEYOND_BMP = {"🎉", "😀", "👍🏽", "🔥", "𠀋"};

  private Texts() {}

  /**
   * One of {@link #BEYOND_BMP} for about one text in three, else nothing, chosen by a hash of the
   * text: it draws no random number, so adding it changes no other value of the world.
   */
  public static String emoji(String text) {
    int k = (int) Math.floorMod(Rng.code(text), 3L * BEYOND_BMP.length);
    return k < BEYOND_BMP.length ? BEYOND_BMP[k] : "";
  }

  /** The text with its {@link #emoji} appended, with no space, so its word count stays. */
  private static String withEmoji(String text) {
    return text + emoji(text);
  }

  public static String inbound(Rng r) {
    return withEmoji(
        r.pick(OPENERS)
            + " "
            + String.format(r.pick(COMPLAINTS), r.between(1000, 99999))
            + ". "
            + r.pick(CLOSERS));
  }

  public static String reply(Rng r, String authorName) {
    return withEmoji(String.format(r.pick(REPLIES), authorName));
  }

  public static String note(Rng r) {
    return String.format(r.pick(NOTES), r.between(100000, 999999));
  }

  public static String place(Rng r) {
    return r.pick(PLACES);
  }

  public static String bio(Rng r) {
    return r.pick(BIO_PARTS) + ", " + r.pick(BIO_PARTS);
  }

  public static String brandPost(Rng r) {
    return withEmoji(String.format(r.pick(BRAND_POSTS), r.between(2, 99)));
  }

  /** A short filler for text columns the world does not know (from a replaced catalog). */
  public static String filler(Rng r) {
    return r.pick(COMPLAINTS).replace("%d", Long.toString(r.between(1, 999)));
  }
}
