/** Implementation of {@code dev.tenken.http}; not API, may change in any release. */
@NullMarked
package dev.tenken.http.internal;

import org.jspecify.annotations.NullMarked;
