/** For check authors: the context a check runs in, its outcome, connections and service probes. */
@NullMarked
package dev.tenken.spi;

import org.jspecify.annotations.NullMarked;
