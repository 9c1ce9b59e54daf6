/**
 * The benchmark: a loopback lab of simulated devices ({@link dev.tenken.bench.Lab}) and a driver
 * ({@link dev.tenken.bench.Bench}) that scans it with Tenken and with nmap in the same run. Not
 * published; run it with {@code bench/run}.
 */
@NullMarked
package dev.tenken.bench;

import org.jspecify.annotations.NullMarked;
