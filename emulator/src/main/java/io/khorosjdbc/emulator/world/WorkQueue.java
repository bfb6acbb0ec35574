package io.khorosjdbc.emulator.world;

/** A work queue; conversations in it are handled by agents of its team. */
public record WorkQueue(int index, String id, String name, Team team, String network) {}
