/** Implementation; not API, may change in any release. */
@NullMarked
package dev.tenken.internal;

import org.jspecify.annotations.NullMarked;
