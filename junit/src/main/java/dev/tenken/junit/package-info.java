/**
 * Tenken for JUnit Jupiter tests: {@link dev.tenken.junit.TenkenScan} configures a runner, {@link
 * dev.tenken.junit.TenkenExtension} hands it to the test as a {@link
 * dev.tenken.junit.TenkenScanner} and attaches each scan's report to the test.
 */
@NullMarked
package dev.tenken.junit;

import org.jspecify.annotations.NullMarked;
