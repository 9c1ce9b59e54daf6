/**
 * Fleet-scale scanning on Kafka: a {@link dev.tenken.kafka.TargetPublisher} turns target texts,
 * files and address blocks into target records, a consumer group of {@link
 * dev.tenken.kafka.ScanWorker}s scans them, and every result, finding and target outcome lands on a
 * results topic as JSON. The record formats are described in {@link dev.tenken.kafka.TargetRecord}
 * and {@link dev.tenken.kafka.ScanWorker}; {@code docs/scale-out.md} gives the whole model.
 */
@NullMarked
package dev.tenken.kafka;

import org.jspecify.annotations.NullMarked;
