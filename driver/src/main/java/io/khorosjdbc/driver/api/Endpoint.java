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
}
