/** The report model and its writers (JSON, JSON Lines, SARIF 2.1.0, JUnit XML, Markdown). */
@NullMarked
package dev.tenken.report;

import org.jspecify.annotations.NullMarked;
