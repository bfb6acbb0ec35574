package io.khorosjdbc.emulator.world;

/** A social author (customer) who opens conversations. */
public record Author(
    String id,
    String handle,
    String name,
    String network,
    long followers,
    boolean verified,
    long firstSeenMillis,
    String location,
    String language,
    String bio,
    double influence) {}
