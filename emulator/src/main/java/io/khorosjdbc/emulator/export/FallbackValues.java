package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.catalog.ColumnDef;
import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.world.Rng;
import io.khorosjdbc.emulator.world.Texts;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * Values for columns the synthetic world does not know (a replaced catalog may invent any),
 * generated from the declared type and the row's key, so they are stable across runs and formats.
 */
final class FallbackValues {
  private FallbackValues() {}

  static Function<Event, Object> of(ColumnDef column, SyntheticData data) {
    return row -> {
      Rng r = data.rng(column.name(), row.key());
      return switch (column.type()) {
        case TIMESTAMP ->
            column.anchor()
                ? Instant.ofEpochMilli(row.time())
                : Instant.ofEpochMilli(row.time() - r.between(0, 86_400) * 1000L);
        case LONG -> r.between(0, 100_000);
        case DOUBLE -> r.between(0, 10_000) / 100.0;
        case BOOLEAN -> r.chance(0.5);
        case TEXT -> Texts.filler(r);
        case STRING ->
            column.name().toUpperCase(Locale.ROOT).endsWith("_ID")
                ? Long.toString(r.between(1_000_000, 999_999_999))
                : "v" + Long.toString(r.between(0, 1L << 30), 36);
      };
    };
  }
}
