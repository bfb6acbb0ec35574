package io.khorosjdbc.driver.api;

/** Which call failed; decides how an HTTP error is explained. */
enum Endpoint {
  CREATE_EXPORT("creating the export"),
  STATUS("checking the export status"),
  DOWNLOAD("downloading the export"),
  PRESIGNED_DOWNLOAD("fetching the export file"),
  TEAMS("listing teams"),
  TIMEZONES("listing time zones");

  final String action;

  Endpoint(String action) {
    this.action = action;
  }

  /**
   * The action in words, naming the export when it is known: "creating the export conversation".
   */
  String action(String exportId) {
    return this == CREATE_EXPORT && exportId != null ? action + " " + exportId : action;
  }

  /** What to check when the server refused this request without saying why. */
  String whatToCheck() {
    return switch (this) {
      case CREATE_EXPORT ->
          "check the query's parameters: the time window (start before end, within the "
              + "export's limits, e.g. at most 90 days and 18 months back for author), the filter values, the "
              + "column names, and the companyKey";
      case STATUS ->
          "check the companyKey; the status URL was used exactly as the server returned it, so "
              + "run the query again if it persists";
      case DOWNLOAD, PRESIGNED_DOWNLOAD ->
          "check the companyKey; the download URL was used exactly as the "
              + "server returned it, so run the query again if it persists";
      case TEAMS -> "check the companyKey";
      case TIMEZONES -> "check the companyKey and the locale";
    };
  }
}
