package io.khorosjdbc.driver.api;

/**
 * A team, as listed by {@code /api/public/teams}; its {@code teamId} is what the {@code
 * teamIds}/{@code teamId} filters take.
 *
 * @param uuid the team's UUID
 * @param teamId the numeric team ID
 * @param name the team's name
 * @param description the description, may be {@code null}
 * @param numberOfMembers the member count, may be {@code null}
 */
public record Team(
    String uuid, long teamId, String name, String description, Integer numberOfMembers) {}
