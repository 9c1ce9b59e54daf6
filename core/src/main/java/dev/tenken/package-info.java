/** Tenken's user API: targets, scope, the runner, results and findings. */
@NullMarked
package dev.tenken;

import org.jspecify.annotations.NullMarked;
