/**
 * Loopback servers for tests of checks: {@link dev.tenken.test.sim.SilentServer} (accepts, never
 * answers), {@link dev.tenken.test.sim.ClosedPort} (a port with nothing listening) and {@link
 * dev.tenken.test.sim.RecordingServer} (a scripted TCP server that records what it receives).
 *
 * <p>Every server binds {@code 127.0.0.1} on an ephemeral port, runs on daemon threads and stops in
 * a bounded time on {@code close()}, so a test that forgets to close one cannot hang the JVM.
 */
@NullMarked
package dev.tenken.test.sim;

import org.jspecify.annotations.NullMarked;
