package io.khorosjdbc.emulator.world;

/**
 * A team of agents, as {@code /api/public/teams} lists it.
 *
 * @param index position in the world's team list
 * @param teamId the integer id used by the {@code teamIds} and {@code teamId} filters
 */
public record Team(int index, int teamId, String uuid, String name) {
  /** The id as the exports print it. */
  public String idString() {
    return Integer.toString(teamId);
  }
}
