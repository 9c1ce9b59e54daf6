/**
 * Loopback servers for tests of checks: {@link dev.tenken.test.sim.SilentServer} (accepts, never
 * answers), {@link dev.tenken.test.sim.ClosedPort} (a port with nothing listening) and {@link
 * dev.tenken.test.sim.RecordingServer} (a scripted TCP server that records what it receives), and
 * devices for users' own tests: {@link dev.tenken.test.sim.PjlPrinterSimulator} (a PJL printer that
 * records every byte and proves nothing printable reached it), {@link
 * dev.tenken.test.sim.IppPrinterSimulator} (an IPP printer answering Get-Printer-Attributes),
 * {@link dev.tenken.test.sim.SnmpAgentSimulator} (an SNMP agent serving printer MIB values; needs
 * SNMP4J) and {@link dev.tenken.test.sim.EwsPanelSimulator} (vendor-shaped printer web panels;
 * needs WireMock).
 *
 * <p>Every server binds {@code 127.0.0.1} on an ephemeral port, runs on daemon threads and stops in
 * a bounded time on {@code close()}, so a test that forgets to close one cannot hang the JVM.
 */
@NullMarked
package dev.tenken.test.sim;

import org.jspecify.annotations.NullMarked;
