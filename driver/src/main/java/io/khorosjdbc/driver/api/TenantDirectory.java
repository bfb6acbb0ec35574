package io.khorosjdbc.driver.api;

import java.io.IOException;
import java.util.List;

/** The tenant's reference lists that the SQL side shows as tables, without speaking HTTP itself. */
public interface TenantDirectory {
  /** The company's teams, whose ids the team filters take. */
  List<Team> teams() throws IOException;

  /** The time zones the {@code timezone} parameter accepts; {@code locale} may be null. */
  List<TimeZoneInfo> timezones(String locale) throws IOException;
}
