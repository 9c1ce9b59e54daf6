/**
 * The report model, its writers (JSON, JSON Lines, SARIF 2.1.0, JUnit XML, Markdown, HTML) and
 * their labels.
 */
@NullMarked
package dev.tenken.report;

import org.jspecify.annotations.NullMarked;
