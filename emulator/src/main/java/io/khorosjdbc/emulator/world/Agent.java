package io.khorosjdbc.emulator.world;

/**
 * An agent (a Care user). Disabled agents keep their history; exports that accept {@code
 * includeDisabled} hide them unless it is {@code true}.
 */
public record Agent(
    int index,
    String id,
    String name,
    String email,
    String displayId,
    Team team,
    WorkQueue homeQueue,
    String role,
    boolean disabled,
    long createdMillis,
    String locale) {}
