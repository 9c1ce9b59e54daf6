package dev.tenken;

import java.time.Duration;

/**
 * How far a scan has come. The total number of targets is unknown while they stream in.
 *
 * @param targetsStarted targets admitted so far
 * @param targetsFinished targets in a terminal state
 * @param targetsInFlight targets being worked on now
 * @param checksFinished check results recorded
 * @param findings findings recorded
 * @param elapsed time since the scan started
 */
public record ScanProgress(
    long targetsStarted,
    long targetsFinished,
    long targetsInFlight,
    long checksFinished,
    long findings,
    Duration elapsed) {}
