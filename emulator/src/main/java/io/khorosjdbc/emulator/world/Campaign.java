package io.khorosjdbc.emulator.world;

/** A publishing campaign; brand posts belong to one, and {@code campaignId} filters on it. */
public record Campaign(String id, String name) {}
