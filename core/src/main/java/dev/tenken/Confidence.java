package dev.tenken;

/** How sure a finding is. Ordered from least to most certain. */
public enum Confidence {
  /** Inferred from a banner or version alone; the device may be patched or lie. */
  TENTATIVE,
  /** A version match plus a precondition observed on the device. */
  FIRM,
  /** Directly proven: the device answered what only a vulnerable device answers. */
  CONFIRMED
}
