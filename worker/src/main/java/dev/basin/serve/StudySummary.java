package dev.basin.serve;

import java.time.Instant;

/**
 * One line of the studies page.
 *
 * @param lastUpdate the latest change to the study, its stages or its members' progress; null if none is recorded
 */
record StudySummary(String name, String status, int done, int total, Instant lastUpdate) {}
