package io.khorosjdbc.emulator.http;

import java.util.ArrayList;
import java.util.List;

/** The request journal, in the order responses were started. */
public final class Journal {
  private final List<JournalEntry> entries = new ArrayList<>();

  public synchronized void add(JournalEntry e) {
    entries.add(e);
  }

  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
