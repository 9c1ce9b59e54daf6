/**
 * Security checks for multifunction printers: the entry point {@link
 * dev.tenken.printer.PrinterChecks}, the service probes that recognise printer protocols (PJL),
 * and, in later releases, the checks for default SNMP communities, anonymous IPP, PJL file system
 * access, default web panel passwords and firmware with known vulnerabilities.
 */
@NullMarked
package dev.tenken.printer;

import org.jspecify.annotations.NullMarked;
