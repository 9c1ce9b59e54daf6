/** Programs a user copies from, compiled and tested with every build. */
@NullMarked
package dev.tenken.examples;

import org.jspecify.annotations.NullMarked;
