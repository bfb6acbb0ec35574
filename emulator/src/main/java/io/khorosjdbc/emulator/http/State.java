package io.khorosjdbc.emulator.http;

import io.khorosjdbc.emulator.EmulatorConfig;
import io.khorosjdbc.emulator.catalog.Catalog;
import io.khorosjdbc.emulator.export.Exports;
import io.khorosjdbc.emulator.export.ReportWriter;
import io.khorosjdbc.emulator.fault.Faults;
import io.khorosjdbc.emulator.job.JobRegistry;
import io.khorosjdbc.emulator.report.RequestParser;

/**
 * Everything the routes share: configuration, catalog, data, jobs, faults, the rate limiter and the
 * journal.
 */
record State(
    EmulatorConfig config,
    Catalog catalog,
    Exports exports,
    RequestParser parser,
    ReportWriter writer,
    JobRegistry jobs,
    Faults faults,
    RateLimiter limiter,
    Journal journal) {}
