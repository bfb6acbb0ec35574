package io.khorosjdbc.emulator.export;

import io.khorosjdbc.emulator.data.Event;
import io.khorosjdbc.emulator.world.Team;
import java.util.HashSet;
import java.util.Set;

/**
 * The aggregates of one team in one time bucket (team_performance and team_performance_interval
 * rows).
 */
final class TeamMetrics implements Event {
  static final long SLA_MILLIS = 3_600_000L;

  final Team team;
  final int bucket;
  final long bucketStart;
  final long bucketEnd;
  long created;
  long closed;
  long incoming;
  long responses;
  long handleMillis;
  long firstResponseWaitMillis;
  long slaBreaches;
  long availableMillis;
  long loggedInMillis;
  final Set<String> respondingAgents = new HashSet<>();

  TeamMetrics(Team team, int bucket, long bucketStart, long bucketEnd) {
    this.team = team;
    this.bucket = bucket;
    this.bucketStart = bucketStart;
    this.bucketEnd = bucketEnd;
  }

  @Override
  public long time() {
    return bucketStart;
  }

  @Override
  public long key() {
    return bucket * 100L + team.index();
  }

  Double handleAverage() {
    return closed == 0 ? null : handleMillis / (double) closed;
  }

  Double responseRate() {
    return incoming == 0 ? null : Math.round(responses * 1e4 / incoming) / 1e4;
  }
}
