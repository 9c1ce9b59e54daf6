/**
 * Test support for Tenken users and check authors: AssertJ assertions on reports and results
 * ({@link dev.tenken.test.TenkenAssertions}) and the check contract kit every check's test runs
 * ({@link dev.tenken.test.CheckContract}). Loopback servers live in {@link dev.tenken.test.sim}.
 *
 * <p>Compiled against AssertJ and nothing of JUnit at run time, so it works the same under JUnit 5,
 * JUnit 6 or any other runner: failures are {@link java.lang.AssertionError}s.
 */
@NullMarked
package dev.tenken.test;

import org.jspecify.annotations.NullMarked;
