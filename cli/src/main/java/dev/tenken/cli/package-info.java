/**
 * The {@code tenken} command line: {@code tenken scan}, {@code tenken checks}. Not API: the
 * commands, options and exit codes are the contract, not these classes.
 */
@NullMarked
package dev.tenken.cli;

import org.jspecify.annotations.NullMarked;
